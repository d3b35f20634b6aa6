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
  /** The body exactly as received (decoded from base64), before parsing: what a webhook signature covers. */
  rawBody?: string;
}
