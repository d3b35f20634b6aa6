import { ok } from "#shared/http/responses.ts";
import { supervisionHttp } from "../adapters/http.ts";
import { hotlineRoutes } from "../hotline-routes.ts";
import { getWorkOrder } from "../use-cases/work-orders.use-case.ts";

export const handler = supervisionHttp(hotlineRoutes.getWorkOrder, async ({ params, principal }, ports) =>
  ok(await getWorkOrder(params.workOrderId, principal, ports)),
);
