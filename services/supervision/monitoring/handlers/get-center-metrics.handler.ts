import { ok } from "#shared/http/responses.ts";
import { monitoringHttp } from "../adapters/http.ts";
import { metricsRoutes } from "../metrics-routes.ts";
import { centerMetrics } from "../use-cases/queue-metrics.use-case.ts";

export const handler = monitoringHttp(
  metricsRoutes.centerMetrics,
  async ({ params, query, principal }, ports) =>
    ok(await centerMetrics(params.centerId, query, principal, ports)),
);
