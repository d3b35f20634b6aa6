import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { recordTraining } from "../use-cases/staff.use-case.ts";

export const handler = catalogHttp(
  routes.recordTraining,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await recordTraining(params.staffId, body, { principal, correlationId }, ports)),
);
