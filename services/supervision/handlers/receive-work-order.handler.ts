import { accepted } from "#shared/http/responses.ts";
import { supervisionHttp } from "../adapters/http.ts";
import { hotlineRoutes } from "../hotline-routes.ts";
import { receiveFromHotline } from "../use-cases/work-orders.use-case.ts";

/** The 12345 webhook: the signature was checked by the chain; store once per orderNo and answer 202. */
export const handler = supervisionHttp(
  hotlineRoutes.receiveWorkOrder,
  async ({ body, correlationId }, ports) => {
    const { duplicate: _, ...answer } = await receiveFromHotline(body, correlationId, ports);
    return accepted({ ...answer, state: "received" });
  },
);
