import { httpHandlerFactory } from "#shared/http/handler.ts";
import { reviewEnv, reviewPorts } from "./ports.ts";

/**
 * The middy chain bound to review's ports, for its HTTP handlers only. Kept out of ports.ts so that queue consumers and
 * schedules do not bundle and load the HTTP chain (JWT verification, body parsing, the idempotency middleware).
 */
export const reviewHttp = httpHandlerFactory({ deps: reviewPorts, tableName: reviewEnv.REVIEW_TABLE });
