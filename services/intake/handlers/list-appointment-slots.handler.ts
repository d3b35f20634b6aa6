import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { listSlots } from "../use-cases/appointments.use-case.ts";

export const handler = intakeHttp(queueRoutes.listSlots, async ({ query }, ports) =>
  ok(await listSlots(query, ports)),
);
