import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { setItemStatus } from "../use-cases/item-status.use-case.ts";

export const handler = catalogHttp(
  routes.setItemStatus,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await setItemStatus(params.centerId, params.itemId, body, { principal, correlationId }, ports)),
);
