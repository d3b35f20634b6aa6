import { ok } from "#shared/http/responses.ts";
import { reviewHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { extend } from "../use-cases/case-work.use-case.ts";

export const handler = reviewHttp(routes.extend, async ({ params, body, principal, correlationId }, ports) =>
  ok(await extend(params.applicationId, body, { principal, correlationId }, ports)),
);
