import { noContent } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { removeOpening } from "../use-cases/closures.use-case.ts";

export const handler = catalogHttp(
  routes.removeOpening,
  async ({ params, principal, correlationId }, ports) => {
    await removeOpening(params.centerId, params.date, { principal, correlationId }, ports);
    return noContent();
  },
);
