import { ok } from "#shared/http/responses.ts";
import { supervisionHttp } from "../adapters/http.ts";
import { hotlineRoutes } from "../hotline-routes.ts";
import { answerWorkOrderTransfer } from "../use-cases/work-orders.use-case.ts";

export const handler = supervisionHttp(
  hotlineRoutes.answerWorkOrderTransfer,
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
