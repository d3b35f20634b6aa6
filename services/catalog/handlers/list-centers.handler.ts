import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/ports.ts";
import { routes } from "../routes.ts";

export const handler = catalogHttp(routes.listCenters, async ({ query }, { store }) =>
  ok(await store.listCenters(query)),
);
