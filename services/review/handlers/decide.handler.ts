import { ok } from "#shared/http/responses.ts";
import { reviewHttpWith } from "../adapters/http.ts";
import { reviewSeal } from "../adapters/seal.ts";
import { routes } from "../routes.ts";
import { decide } from "../use-cases/decide.use-case.ts";

export const handler = reviewHttpWith({ seal: reviewSeal() })(
  routes.decide,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await decide(params.applicationId, body, { principal, correlationId }, ports)),
);
