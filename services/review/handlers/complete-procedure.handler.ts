import { ok } from "#shared/http/responses.ts";
import { reviewHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { completeProcedure } from "../use-cases/case-work.use-case.ts";

export const handler = reviewHttp(
  routes.completeProcedure,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(
      await completeProcedure(
        params.applicationId,
        params.procedureId,
        body,
        { principal, correlationId },
        ports,
      ),
    ),
);
