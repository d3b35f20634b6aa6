import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { workOrderRoutes } from "../work-order-routes.ts";
import { answerWorkOrderTransfer } from "../use-cases/work-orders.use-case.ts";

export const handler = complaintsHttp(
  workOrderRoutes.answerWorkOrderTransfer,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(
      await answerWorkOrderTransfer(
        params.workOrderId,
        params.transferId,
        body,
        { principal, correlationId },
        ports,
      ),
    ),
);
