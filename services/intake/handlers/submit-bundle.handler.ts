import { created } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { applicationView } from "../domain/application-view.ts";
import { routes } from "../routes.ts";
import { submitBundle } from "../use-cases/submit-application.use-case.ts";

export const handler = intakeHttp(routes.submitBundle, async ({ body, principal, correlationId }, ports) => {
  const bundle = await submitBundle(body, { principal, correlationId }, ports);
  return created(
    { ...bundle, applications: bundle.applications.map((a) => applicationView(a, principal)) },
    `/v1/applications/${bundle.applications[0]!.id}`,
  );
});
