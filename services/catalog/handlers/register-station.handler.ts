import { created } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { registerStation } from "../use-cases/register-station.use-case.ts";

export const handler = catalogHttp(
  routes.registerStation,
  async ({ params, body, principal, correlationId }, ports) => {
    const station = await registerStation(params.centerId, body, { principal, correlationId }, ports);
    return created(station, `/v1/centers/${station.centerId}`);
  },
);
