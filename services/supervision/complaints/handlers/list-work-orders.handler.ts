import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { workOrderRoutes } from "../work-order-routes.ts";
import { listWorkOrders } from "../use-cases/work-orders.use-case.ts";

export const handler = complaintsHttp(workOrderRoutes.listWorkOrders, async ({ query, principal }, ports) =>
  ok(await listWorkOrders(query, principal, ports)),
);
