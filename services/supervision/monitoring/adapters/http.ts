import { httpHandlerFactory } from "#shared/http/handler.ts";
import { monitoringEnv, monitoringPorts } from "./ports.ts";

/**
 * The middy chain bound to monitoring's ports, for its HTTP handlers only. Kept out of ports.ts so that queue consumers and
 * schedules do not bundle and load the HTTP chain (JWT verification, body parsing, the idempotency middleware).
 */
export const monitoringHttp = httpHandlerFactory({
  deps: monitoringPorts,
  tableName: monitoringEnv.MONITORING_TABLE,
});
