import { created } from "#shared/http/responses.ts";
import { materialsStorage } from "../adapters/file-storage.ts";
import { intakeHttpWith } from "../adapters/http.ts";
import { applicationView } from "../domain/application-view.ts";
import { routes } from "../routes.ts";
import { submitBundle, type SubmittedBundle } from "../use-cases/submit-application.use-case.ts";

export const handler = intakeHttpWith({ storage: materialsStorage() })(
  routes.submitBundle,
  async ({ body, principal, correlationId, idempotency }, ports) => {
    const answer = (bundle: SubmittedBundle) =>
      created(
        { ...bundle, applications: bundle.applications.map((a) => applicationView(a, principal)) },
        `/v1/applications/${bundle.applications[0]!.id}`,
      );
    const remember = idempotency.recordOf(answer);
    return answer(await submitBundle(body, { principal, correlationId }, { ...ports, remember }));
  },
);
