import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { listMyAppointments } from "../use-cases/appointments.use-case.ts";

export const handler = intakeHttp(queueRoutes.listMyAppointments, async ({ query, principal }, ports) =>
  ok(await listMyAppointments(query, principal, ports)),
);
