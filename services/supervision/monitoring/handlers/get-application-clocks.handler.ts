import { ok } from "#shared/http/responses.ts";
import { monitoringHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { applicationClocks } from "../use-cases/read-clocks.use-case.ts";

export const handler = monitoringHttp(routes.applicationClocks, async ({ params, principal }, ports) =>
  ok(await applicationClocks(params.applicationId, principal, ports)),
);
