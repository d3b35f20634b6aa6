import { ok } from "#shared/http/responses.ts";
import { monitoringHttp } from "../adapters/http.ts";
import { inspectionRoutes } from "../inspection-routes.ts";
import { listInspections } from "../use-cases/inspections.use-case.ts";

export const handler = monitoringHttp(
  inspectionRoutes.listInspections,
  async ({ params, query, principal, correlationId }, ports) =>
    ok(await listInspections(params.centerId, query, { principal, correlationId }, ports)),
);
