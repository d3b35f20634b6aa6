import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { recordExam } from "../use-cases/staff.use-case.ts";

export const handler = catalogHttp(
  routes.recordExam,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await recordExam(params.staffId, body, { principal, correlationId }, ports)),
);
