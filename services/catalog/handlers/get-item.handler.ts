import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { getItem } from "../use-cases/get-item.use-case.ts";

export const handler = catalogHttp(routes.getItem, async ({ params, query }, ports) =>
  ok(await getItem(params.itemId, query.version, ports)),
);
