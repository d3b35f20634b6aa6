import { ok } from "#shared/http/responses.ts";
import { reviewHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { getDocument } from "../use-cases/contacts-and-documents.use-case.ts";

export const handler = reviewHttp(routes.getDocument, async ({ params, principal, correlationId }, ports) =>
  ok(await getDocument(params.documentId, { principal, correlationId }, ports)),
);
