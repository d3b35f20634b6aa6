import { httpHandlerFactory } from "#shared/http/handler.ts";
import { reviewEnv, reviewPorts, type ReviewPorts } from "./ports.ts";

/**
 * The middy chain bound to review's ports, for its HTTP handlers only. Kept out of ports.ts so that queue consumers and
 * schedules do not bundle and load the HTTP chain (JWT verification, body parsing, the idempotency step).
 */
export const reviewHttp = httpHandlerFactory({ deps: reviewPorts, tableName: reviewEnv.REVIEW_TABLE });

/** The same chain for a handler that seals or verifies a document: only its bundle holds the KMS client. */
export function reviewHttpWith(ports: Pick<ReviewPorts, "seal">) {
  return httpHandlerFactory({ deps: { ...reviewPorts, ...ports }, tableName: reviewEnv.REVIEW_TABLE });
}
