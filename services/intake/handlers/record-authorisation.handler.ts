import { created } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { recordAuthorisation } from "../use-cases/authorisations.use-case.ts";

export const handler = intakeHttp(
  routes.recordAuthorisation,
  async ({ body, principal, correlationId }, ports) => {
    const authorisation = await recordAuthorisation(body, { principal, correlationId }, ports);
    return created(authorisation, `/v1/authorisations/${authorisation.id}`);
  },
);
