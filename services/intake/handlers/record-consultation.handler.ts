import { created } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { recordConsultation } from "../use-cases/consultations.use-case.ts";

export const handler = intakeHttp(
  routes.recordConsultation,
  async ({ body, principal, correlationId }, ports) => {
    const consultation = await recordConsultation(body, { principal, correlationId }, ports);
    return created(consultation, `/v1/consultations/${consultation.id}`);
  },
);
