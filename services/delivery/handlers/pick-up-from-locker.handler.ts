import { ok } from "#shared/http/responses.ts";
import { deliveryHttp } from "../adapters/http.ts";
import { resultRoutes } from "../result-routes.ts";
import { pickUpFromLocker } from "../use-cases/hand-over-result.use-case.ts";

export const handler = deliveryHttp(
  resultRoutes.pickUpFromLocker,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await pickUpFromLocker(params.applicationId, body, { principal, correlationId }, ports)),
);
