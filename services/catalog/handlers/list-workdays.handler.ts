import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { listWorkdays } from "../use-cases/list-workdays.use-case.ts";

export const handler = catalogHttp(routes.listWorkdays, async ({ query }, ports) =>
  ok(await listWorkdays(query, ports)),
);
