import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { myAuthorisations } from "../use-cases/authorisations.use-case.ts";

export const handler = intakeHttp(
  routes.listMyAuthorisations,
  async ({ query, principal, correlationId }, ports) =>
    ok(await myAuthorisations(query, { principal, correlationId }, ports)),
);
