import { ok, text } from "#shared/http/responses.ts";
import { deliveryHttp } from "../adapters/http.ts";
import { resultRoutes } from "../result-routes.ts";
import { getELicense } from "../use-cases/result-delivery.use-case.ts";

export const handler = deliveryHttp(
  resultRoutes.getELicense,
  async ({ params, query, principal, correlationId }, ports) => {
    const { license, html } = await getELicense(params.applicationId, { principal, correlationId }, ports);
    return query.format === "html" ? text(html, "text/html; charset=utf-8") : ok(license);
  },
);
