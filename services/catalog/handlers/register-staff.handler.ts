import { created } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { registerStaff } from "../use-cases/staff.use-case.ts";

export const handler = catalogHttp(
  routes.registerStaff,
  async ({ body, principal, correlationId }, ports) => {
    const staff = await registerStaff(body, { principal, correlationId }, ports);
    return created(staff, `/v1/staff/${staff.id}`);
  },
);
