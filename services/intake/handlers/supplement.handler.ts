import { ok } from "#shared/http/responses.ts";
import { materialsStorage } from "../adapters/file-storage.ts";
import { intakeHttpWith } from "../adapters/http.ts";
import { applicationView } from "../domain/application-view.ts";
import { routes } from "../routes.ts";
import { supplement } from "../use-cases/supplement.use-case.ts";

export const handler = intakeHttpWith({ storage: materialsStorage() })(
  routes.supplement,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(
      applicationView(
        await supplement(params.applicationId, body.materials, { principal, correlationId }, ports),
        principal,
      ),
    ),
);
