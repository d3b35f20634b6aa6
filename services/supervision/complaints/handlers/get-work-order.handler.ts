import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { workOrderRoutes } from "../work-order-routes.ts";
import { getWorkOrder } from "../use-cases/work-orders.use-case.ts";

export const handler = complaintsHttp(workOrderRoutes.getWorkOrder, async ({ params, principal }, ports) =>
  ok(await getWorkOrder(params.workOrderId, principal, ports)),
);
