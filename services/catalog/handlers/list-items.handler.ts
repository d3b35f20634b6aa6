import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { searchItems } from "../use-cases/search-items.use-case.ts";

export const handler = catalogHttp(routes.listItems, async ({ query }, ports) =>
  ok(await searchItems(query, ports)),
);
