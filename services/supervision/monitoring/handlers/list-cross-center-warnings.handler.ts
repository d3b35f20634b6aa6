import { ok } from "#shared/http/responses.ts";
import { monitoringHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { crossCenterWarnings } from "../use-cases/read-clocks.use-case.ts";

export const handler = monitoringHttp(routes.crossCenterWarnings, async ({ query, principal }, ports) =>
  ok(await crossCenterWarnings(query, principal, ports)),
);
