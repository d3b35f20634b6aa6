import { accepted } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { workOrderRoutes } from "../work-order-routes.ts";
import { receiveFromHotline } from "../use-cases/work-orders.use-case.ts";

/** The 12345 webhook: the signature was checked by the chain; store once per orderNo and answer 202. */
export const handler = complaintsHttp(
  workOrderRoutes.receiveWorkOrder,
  async ({ body, correlationId }, ports) => {
    const { duplicate: _, ...answer } = await receiveFromHotline(body, correlationId, ports);
    return accepted({ ...answer, state: "received" });
  },
);
