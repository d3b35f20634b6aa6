import { ok } from "#shared/http/responses.ts";
import { monitoringHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { listWarnings } from "../use-cases/read-clocks.use-case.ts";

export const handler = monitoringHttp(routes.listWarnings, async ({ query, principal }, ports) =>
  ok(await listWarnings(query, principal, ports)),
);
