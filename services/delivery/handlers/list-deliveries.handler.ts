import { ok } from "#shared/http/responses.ts";
import { deliveryHttp } from "../adapters/http.ts";
import { resultRoutes } from "../result-routes.ts";
import { listDeliveries } from "../use-cases/result-delivery.use-case.ts";

export const handler = deliveryHttp(
  resultRoutes.listDeliveries,
  async ({ query, principal, correlationId }, ports) =>
    ok(await listDeliveries(query, { principal, correlationId }, ports)),
);
