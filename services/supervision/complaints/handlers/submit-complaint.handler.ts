import { created } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { workOrderRoutes } from "../work-order-routes.ts";
import { submitComplaint } from "../use-cases/work-orders.use-case.ts";

export const handler = complaintsHttp(
  workOrderRoutes.submitComplaint,
  async ({ body, principal, correlationId }, ports) => {
    const result = await submitComplaint(body, { principal, correlationId }, ports);
    return created(result, `/v1/work-orders/${result.workOrderId}`);
  },
);
