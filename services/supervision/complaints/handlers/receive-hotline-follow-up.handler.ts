import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { workOrderRoutes } from "../work-order-routes.ts";
import { recordHotlineFollowUp } from "../use-cases/work-orders.use-case.ts";

/** The hotline's follow-up result: the signature was checked by the chain; recorded once per followUpId. */
export const handler = complaintsHttp(
  workOrderRoutes.receiveHotlineFollowUp,
  async ({ params, body, correlationId }, ports) =>
    ok(await recordHotlineFollowUp(params.orderNo, body, correlationId, ports)),
);
