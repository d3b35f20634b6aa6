import { ok } from "#shared/http/responses.ts";
import { reviewHttpWith } from "../adapters/http.ts";
import { reviewSeal } from "../adapters/seal.ts";
import { routes } from "../routes.ts";
import { checkDocument } from "../use-cases/contacts-and-documents.use-case.ts";

export const handler = reviewHttpWith({ seal: reviewSeal() })(
  routes.verifyDocument,
  async ({ params, query }, ports) => ok(await checkDocument(params.documentId, query.sha256, ports)),
);
