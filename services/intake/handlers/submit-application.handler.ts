import { created } from "#shared/http/responses.ts";
import { materialsStorage } from "../adapters/file-storage.ts";
import { intakeHttpWith } from "../adapters/http.ts";
import { applicationView } from "../domain/application-view.ts";
import type { Application } from "../domain/application.ts";
import { routes } from "../routes.ts";
import { submitApplication } from "../use-cases/submit-application.use-case.ts";

export const handler = intakeHttpWith({ storage: materialsStorage() })(
  routes.submitApplication,
  async ({ body, principal, correlationId, idempotency }, ports) => {
    const answer = (application: Application) =>
      created(applicationView(application, principal), `/v1/applications/${application.id}`);
    const remember = idempotency.recordOf(answer);
    return answer(await submitApplication(body, { principal, correlationId }, { ...ports, remember }));
  },
);
