import { ok } from "#shared/http/responses.ts";
import { monitoringHttp } from "../adapters/http.ts";
import { inspectionRoutes } from "../inspection-routes.ts";
import { rectifyInspectionFinding } from "../use-cases/inspections.use-case.ts";

export const handler = monitoringHttp(
  inspectionRoutes.rectifyInspectionFinding,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(
      await rectifyInspectionFinding(
        params.inspectionId,
        params.findingId,
        body.measures,
        { principal, correlationId },
        ports,
      ),
    ),
);
