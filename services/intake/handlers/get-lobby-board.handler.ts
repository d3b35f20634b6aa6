import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { lobbyBoard } from "../use-cases/tickets.use-case.ts";

/** Public and polled every second by each screen in the hall: a shared cache may answer for one second. */
export const handler = intakeHttp(queueRoutes.lobbyBoard, async ({ params }, ports) =>
  ok(await lobbyBoard(params.centerId, ports), { "cache-control": "public, max-age=1" }),
);
