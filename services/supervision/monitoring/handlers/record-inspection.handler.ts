import { created } from "#shared/http/responses.ts";
import { monitoringHttp } from "../adapters/http.ts";
import { inspectionRoutes } from "../inspection-routes.ts";
import { recordInspection } from "../use-cases/inspections.use-case.ts";

export const handler = monitoringHttp(
  inspectionRoutes.recordInspection,
  async ({ body, principal, correlationId }, ports) => {
    const inspection = await recordInspection(body, { principal, correlationId }, ports);
    return created(inspection, `/v1/inspections/${inspection.id}`);
  },
);
