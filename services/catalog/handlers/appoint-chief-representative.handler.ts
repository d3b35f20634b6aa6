import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { appointChiefRepresentative } from "../use-cases/departments.use-case.ts";

export const handler = catalogHttp(
  routes.appointChiefRepresentative,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(
      await appointChiefRepresentative(
        params.centerId,
        params.departmentId,
        body.staffId,
        { principal, correlationId },
        ports,
      ),
    ),
);
