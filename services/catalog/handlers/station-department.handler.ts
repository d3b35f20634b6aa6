import { created } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { stationDepartment } from "../use-cases/departments.use-case.ts";

export const handler = catalogHttp(
  routes.stationDepartment,
  async ({ params, body, principal, correlationId }, ports) => {
    const department = await stationDepartment(params.centerId, body, { principal, correlationId }, ports);
    return created(department, `/v1/centers/${department.centerId}`);
  },
);
