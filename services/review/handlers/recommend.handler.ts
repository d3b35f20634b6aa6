import { ok } from "#shared/http/responses.ts";
import { reviewHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { recommend } from "../use-cases/case-work.use-case.ts";

export const handler = reviewHttp(
  routes.recommend,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await recommend(params.applicationId, body, { principal, correlationId }, ports)),
);
