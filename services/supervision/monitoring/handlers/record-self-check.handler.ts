import { created } from "#shared/http/responses.ts";
import { monitoringHttp } from "../adapters/http.ts";
import { inspectionRoutes } from "../inspection-routes.ts";
import { recordInspection } from "../use-cases/inspections.use-case.ts";

export const handler = monitoringHttp(
  inspectionRoutes.recordSelfCheck,
  async ({ body, principal, correlationId }, ports) => {
    const check = await recordInspection({ ...body, kind: "selfCheck" }, { principal, correlationId }, ports);
    return created(check, `/v1/inspections/${check.id}`);
  },
);
