import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { listCenterItems } from "../use-cases/search-items.use-case.ts";

export const handler = catalogHttp(routes.listCenterItems, async ({ params, query }, ports) =>
  ok(await listCenterItems(params.centerId, query, ports)),
);
