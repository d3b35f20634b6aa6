import { httpHandlerFactory } from "#shared/http/handler.ts";
import { deliveryEnv, deliveryPorts } from "./ports.ts";

/**
 * The middy chain bound to delivery's ports, for its HTTP handlers only. Kept out of ports.ts so that queue consumers and
 * schedules do not bundle and load the HTTP chain (JWT verification, body parsing, the idempotency middleware).
 */
export const deliveryHttp = httpHandlerFactory({
  deps: deliveryPorts,
  tableName: deliveryEnv.DELIVERY_TABLE,
});
