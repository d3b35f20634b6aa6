import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { getStaff } from "../use-cases/staff.use-case.ts";

export const handler = catalogHttp(routes.getStaff, async ({ params, principal, correlationId }, ports) =>
  ok(await getStaff(params.staffId, { principal, correlationId }, ports)),
);
