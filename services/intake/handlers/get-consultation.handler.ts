import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { getConsultation } from "../use-cases/consultations.use-case.ts";

export const handler = intakeHttp(
  routes.getConsultation,
  async ({ params, principal, correlationId }, ports) =>
    ok(await getConsultation(params.consultationId, { principal, correlationId }, ports)),
);
