import { ok } from "#shared/http/responses.ts";
import { reviewHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { listContacts } from "../use-cases/contacts-and-documents.use-case.ts";

export const handler = reviewHttp(routes.listContacts, async ({ params, principal, correlationId }, ports) =>
  ok({ items: await listContacts(params.applicationId, { principal, correlationId }, ports) }),
);
