import { ok } from "#shared/http/responses.ts";
import { supervisionHttp } from "../adapters/http.ts";
import { metricsRoutes } from "../metrics-routes.ts";
import { staffing } from "../use-cases/queue-metrics.use-case.ts";

export const handler = supervisionHttp(metricsRoutes.staffing, async ({ params, query, principal }, ports) =>
  ok(await staffing(params.centerId, query, principal, ports)),
);
