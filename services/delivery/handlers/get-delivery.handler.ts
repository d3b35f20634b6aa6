import { ok } from "#shared/http/responses.ts";
import { deliveryHttp } from "../adapters/http.ts";
import { resultRoutes } from "../result-routes.ts";
import { getDelivery } from "../use-cases/result-delivery.use-case.ts";

export const handler = deliveryHttp(
  resultRoutes.getDelivery,
  async ({ params, principal, correlationId }, ports) =>
    ok(await getDelivery(params.applicationId, { principal, correlationId }, ports)),
);
