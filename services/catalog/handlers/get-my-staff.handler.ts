import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { getMyStaff } from "../use-cases/staff.use-case.ts";

export const handler = catalogHttp(routes.getMyStaff, async ({ principal, correlationId }, ports) =>
  ok(await getMyStaff({ principal, correlationId }, ports)),
);
