import { created } from "#shared/http/responses.ts";
import { supervisionHttp } from "../adapters/http.ts";
import { hotlineRoutes } from "../hotline-routes.ts";
import { submitComplaint } from "../use-cases/work-orders.use-case.ts";

export const handler = supervisionHttp(
  hotlineRoutes.submitComplaint,
  async ({ body, principal, correlationId }, ports) => {
    const result = await submitComplaint(body, { principal, correlationId }, ports);
    return created(result, `/v1/work-orders/${result.workOrderId}`);
  },
);
