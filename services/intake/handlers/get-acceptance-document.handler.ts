import { ok, text } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { getAcceptanceDocument } from "../use-cases/read-applications.use-case.ts";

export const handler = intakeHttp(
  routes.getAcceptanceDocument,
  async ({ params, query, principal, correlationId }, ports) => {
    const { document, html } = await getAcceptanceDocument(
      params.applicationId,
      params.documentId,
      { principal, correlationId },
      ports,
    );
    return query.format === "html" ? text(html, "text/html; charset=utf-8") : ok(document);
  },
);
