import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { listStaff } from "../use-cases/staff.use-case.ts";

export const handler = catalogHttp(
  routes.listStaff,
  async ({ params, query, principal, correlationId }, ports) =>
    ok(await listStaff(params.centerId, query, { principal, correlationId }, ports)),
);
