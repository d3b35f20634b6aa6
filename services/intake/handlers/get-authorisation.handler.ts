import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { getAuthorisation } from "../use-cases/authorisations.use-case.ts";

export const handler = intakeHttp(
  routes.getAuthorisation,
  async ({ params, principal, correlationId }, ports) =>
    ok(await getAuthorisation(params.authorisationId, { principal, correlationId }, ports)),
);
