import { httpHandlerFactory } from "#shared/http/handler.ts";
import { complaintsEnv, complaintsPorts } from "./ports.ts";

/**
 * The middy chain bound to complaints' ports, for its HTTP handlers only. Kept out of ports.ts so that its queue
 * consumer does not bundle and load the HTTP chain (JWT verification, body parsing, the idempotency middleware).
 */
export const complaintsHttp = httpHandlerFactory({
  deps: complaintsPorts,
  tableName: complaintsEnv.COMPLAINTS_TABLE,
});
