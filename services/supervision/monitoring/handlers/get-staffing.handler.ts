import { ok } from "#shared/http/responses.ts";
import { monitoringHttp } from "../adapters/http.ts";
import { metricsRoutes } from "../metrics-routes.ts";
import { staffing } from "../use-cases/queue-metrics.use-case.ts";

export const handler = monitoringHttp(metricsRoutes.staffing, async ({ params, query, principal }, ports) =>
  ok(await staffing(params.centerId, query, principal, ports)),
);
