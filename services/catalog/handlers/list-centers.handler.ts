import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";

export const handler = catalogHttp(
  routes.listCenters,
  async ({ query: { parentId, level, ...page } }, { centers }) =>
    ok(parentId ? await centers.children(parentId, { level }, page) : await centers.list({ level }, page)),
);
