import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { fileAssignment } from "../use-cases/staff.use-case.ts";

export const handler = catalogHttp(
  routes.fileAssignment,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await fileAssignment(params.staffId, body, { principal, correlationId }, ports)),
);
