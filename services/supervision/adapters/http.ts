import { httpHandlerFactory } from "#shared/http/handler.ts";
import { supervisionEnv, supervisionPorts } from "./ports.ts";

/**
 * The middy chain bound to supervision's ports, for its HTTP handlers only. Kept out of ports.ts so that queue consumers and
 * schedules do not bundle and load the HTTP chain (JWT verification, body parsing, the idempotency middleware).
 */
export const supervisionHttp = httpHandlerFactory({
  deps: supervisionPorts,
  tableName: supervisionEnv.SUPERVISION_TABLE,
});
