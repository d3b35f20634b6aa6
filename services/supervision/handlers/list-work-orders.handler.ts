import { ok } from "#shared/http/responses.ts";
import { supervisionHttp } from "../adapters/http.ts";
import { hotlineRoutes } from "../hotline-routes.ts";
import { listWorkOrders } from "../use-cases/work-orders.use-case.ts";

export const handler = supervisionHttp(hotlineRoutes.listWorkOrders, async ({ query, principal }, ports) =>
  ok(await listWorkOrders(query, principal, ports)),
);
