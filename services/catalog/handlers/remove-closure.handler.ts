import { noContent } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { removeClosure } from "../use-cases/closures.use-case.ts";

export const handler = catalogHttp(
  routes.removeClosure,
  async ({ params, principal, correlationId }, ports) => {
    await removeClosure(params.centerId, params.date, { principal, correlationId }, ports);
    return noContent();
  },
);
