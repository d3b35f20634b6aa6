import { ok } from "#shared/http/responses.ts";
import { monitoringHttp } from "../adapters/http.ts";
import { inspectionRoutes } from "../inspection-routes.ts";
import { getStaffAppraisal } from "../use-cases/inspections.use-case.ts";

export const handler = monitoringHttp(
  inspectionRoutes.staffAppraisal,
  async ({ params, query, principal, correlationId }, ports) =>
    ok(await getStaffAppraisal(params.centerId, query.month, { principal, correlationId }, ports)),
);
