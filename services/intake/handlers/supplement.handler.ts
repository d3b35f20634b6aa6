import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { applicationView } from "../domain/application-view.ts";
import { routes } from "../routes.ts";
import { supplement } from "../use-cases/supplement.use-case.ts";

export const handler = intakeHttp(
  routes.supplement,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(
      applicationView(
        await supplement(params.applicationId, body.materials, { principal, correlationId }, ports),
        principal,
      ),
    ),
);
