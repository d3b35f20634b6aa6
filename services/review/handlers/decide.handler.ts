import { ok } from "#shared/http/responses.ts";
import { reviewHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { decide } from "../use-cases/decide.use-case.ts";

export const handler = reviewHttp(routes.decide, async ({ params, body, principal, correlationId }, ports) =>
  ok(await decide(params.applicationId, body, { principal, correlationId }, ports)),
);
