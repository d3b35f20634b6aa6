import { ok } from "#shared/http/responses.ts";
import { monitoringHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { setWarningPolicy } from "../use-cases/read-clocks.use-case.ts";

export const handler = monitoringHttp(
  routes.setWarningPolicy,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await setWarningPolicy(params.centerId, body, { principal, correlationId }, ports)),
);
