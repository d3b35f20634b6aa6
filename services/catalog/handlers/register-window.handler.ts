import { created } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { registerWindow } from "../use-cases/windows.use-case.ts";

export const handler = catalogHttp(
  routes.registerWindow,
  async ({ params, body, principal, correlationId }, ports) => {
    const window = await registerWindow(params.centerId, body, { principal, correlationId }, ports);
    return created(window, `/v1/centers/${window.centerId}/windows/${window.id}`);
  },
);
