import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { listApplications } from "../use-cases/read-applications.use-case.ts";

export const handler = intakeHttp(
  routes.listApplications,
  async ({ query, principal, correlationId }, ports) =>
    ok(await listApplications(query, { principal, correlationId }, ports)),
);
