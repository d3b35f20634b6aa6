import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { getItemStatus } from "../use-cases/item-status.use-case.ts";

export const handler = catalogHttp(routes.getItemStatus, async ({ params }, ports) =>
  ok(await getItemStatus(params.centerId, params.itemId, ports)),
);
