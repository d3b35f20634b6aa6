import { ok } from "#shared/http/responses.ts";
import { maskForList } from "#shared/personal-data.ts";
import { intakeHttpWith } from "../adapters/http.ts";
import { intakeSeal } from "../adapters/seal.ts";
import { applicationView } from "../domain/application-view.ts";
import { routes } from "../routes.ts";
import { decideAcceptance } from "../use-cases/decide-acceptance.use-case.ts";

export const handler = intakeHttpWith({ seal: intakeSeal() })(
  routes.decideAcceptance,
  async ({ params, body, principal, correlationId }, ports) => {
    const decided = await decideAcceptance(params.applicationId, body, { principal, correlationId }, ports);
    // The printable document (its own route) carries the numbers in full; the answer to the decision does not.
    return ok({
      application: applicationView(decided.application, principal),
      document: maskForList(decided.document),
    });
  },
);
