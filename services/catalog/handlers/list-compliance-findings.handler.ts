import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { listComplianceFindings } from "../use-cases/staff-compliance.use-case.ts";

export const handler = catalogHttp(
  routes.listComplianceFindings,
  async ({ query, principal, correlationId }, ports) =>
    ok(await listComplianceFindings(query, { principal, correlationId }, ports)),
);
