import { created } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { addOpening } from "../use-cases/closures.use-case.ts";

export const handler = catalogHttp(
  routes.addOpening,
  async ({ params, body, principal, correlationId }, ports) => {
    const opening = await addOpening(params.centerId, body, { principal, correlationId }, ports);
    return created(opening, `/v1/centers/${params.centerId}/openings/${opening.date}`);
  },
);
