import { ok } from "#shared/http/responses.ts";
import { reviewHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { requestMaterials } from "../use-cases/case-work.use-case.ts";

export const handler = reviewHttp(
  routes.requestMaterials,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await requestMaterials(params.applicationId, body, { principal, correlationId }, ports)),
);
