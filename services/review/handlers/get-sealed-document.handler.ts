import { ok, text } from "#shared/http/responses.ts";
import { reviewHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { documentPage, getDocument } from "../use-cases/contacts-and-documents.use-case.ts";

export const handler = reviewHttp(
  routes.getSealedDocument,
  async ({ params, query, principal, correlationId }, ports) => {
    const document = await getDocument(params.documentId, { principal, correlationId }, ports);
    return query.format === "html"
      ? text(await documentPage(document, ports), "text/html; charset=utf-8")
      : ok(document);
  },
);
