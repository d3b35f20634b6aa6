import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { applicationView } from "../domain/application-view.ts";
import { routes } from "../routes.ts";
import { decideAcceptance } from "../use-cases/decide-acceptance.use-case.ts";

export const handler = intakeHttp(
  routes.decideAcceptance,
  async ({ params, body, principal, correlationId }, ports) => {
    const decided = await decideAcceptance(params.applicationId, body, { principal, correlationId }, ports);
    return ok({ ...decided, application: applicationView(decided.application, principal) });
  },
);
