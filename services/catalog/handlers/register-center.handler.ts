import { created } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { registerCenter } from "../use-cases/register-center.use-case.ts";

export const handler = catalogHttp(
  routes.registerCenter,
  async ({ body, principal, correlationId }, ports) => {
    const center = await registerCenter(body, { principal, correlationId }, ports);
    return created(center, `/v1/centers/${center.id}`);
  },
);
