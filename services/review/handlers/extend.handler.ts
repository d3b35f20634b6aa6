import { ok } from "#shared/http/responses.ts";
import { reviewHttpWith } from "../adapters/http.ts";
import { reviewSeal } from "../adapters/seal.ts";
import { routes } from "../routes.ts";
import { extend } from "../use-cases/case-work.use-case.ts";

export const handler = reviewHttpWith({ seal: reviewSeal() })(
  routes.extend,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await extend(params.applicationId, body, { principal, correlationId }, ports)),
);
