import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { workOrderRoutes } from "../work-order-routes.ts";
import { noteWorkOrderProgress } from "../use-cases/work-orders.use-case.ts";

export const handler = complaintsHttp(
  workOrderRoutes.noteWorkOrderProgress,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await noteWorkOrderProgress(params.workOrderId, body, { principal, correlationId }, ports)),
);
