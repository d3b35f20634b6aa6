import { ok } from "#shared/http/responses.ts";
import { monitoringHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { getWarningPolicy } from "../use-cases/read-clocks.use-case.ts";

export const handler = monitoringHttp(routes.getWarningPolicy, async ({ params, principal }, ports) =>
  ok(await getWarningPolicy(params.centerId, principal, ports)),
);
