import type { Context } from "aws-lambda";
import type { Principal } from "../../auth/principal.ts";

/** What the chain hands to the handler, carried on the Lambda context of one invocation. */
export interface HttpInput {
  params?: unknown;
  query?: unknown;
  body?: unknown;
  principal?: Principal;
}

export interface HttpContext extends Context {
  input: HttpInput;
}

/** The body's bytes exactly as received (decoded from base64 when the gateway encoded it): what a signature covers. */
export function rawBodyOf(event: { body?: string; isBase64Encoded?: boolean }): Buffer {
  if (event.body === undefined) return Buffer.alloc(0);
  return Buffer.from(event.body, event.isBase64Encoded ? "base64" : "utf8");
}
