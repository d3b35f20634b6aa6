import { ok, text } from "#shared/http/responses.ts";
import { monitoringHttp } from "../adapters/http.ts";
import { metricsRoutes } from "../metrics-routes.ts";
import { indicatorsCsv, monthlyIndicators } from "../use-cases/indicators.use-case.ts";

export const handler = monitoringHttp(metricsRoutes.indicators, async ({ query, principal }, ports) => {
  const report = await monthlyIndicators(query, principal, ports);
  return query.format === "csv" ? text(indicatorsCsv(report), "text/csv; charset=utf-8") : ok(report);
});
