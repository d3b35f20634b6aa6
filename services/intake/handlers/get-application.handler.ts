import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { getApplication } from "../use-cases/read-applications.use-case.ts";

export const handler = intakeHttp(
  routes.getApplication,
  async ({ params, principal, correlationId }, ports) =>
    ok(await getApplication(params.applicationId, { principal, correlationId }, ports)),
);
