import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { updateWindow } from "../use-cases/windows.use-case.ts";

export const handler = catalogHttp(
  routes.updateWindow,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await updateWindow(params.centerId, params.windowId, body, { principal, correlationId }, ports)),
);
