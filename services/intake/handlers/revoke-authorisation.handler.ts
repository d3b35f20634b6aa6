import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { revokeAuthorisation } from "../use-cases/authorisations.use-case.ts";

export const handler = intakeHttp(
  routes.revokeAuthorisation,
  async ({ params, principal, correlationId }, ports) =>
    ok(await revokeAuthorisation(params.authorisationId, { principal, correlationId }, ports)),
);
