import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { updateCenter } from "../use-cases/update-center.use-case.ts";

export const handler = catalogHttp(
  routes.updateCenter,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await updateCenter(params.centerId, body, { principal, correlationId }, ports)),
);
