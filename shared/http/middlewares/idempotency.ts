import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
} from "@aws-lambda-powertools/idempotency";
import { makeHandlerIdempotent } from "@aws-lambda-powertools/idempotency/middleware";
import type middy from "@middy/core";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { idempotencyStore } from "../../aws/idempotency-store.ts";
import { IdempotencyInProgressError, IdempotencyKeyReuseError, ValidationError } from "../../errors.ts";
import type { HttpContext } from "./context.ts";
import { logger } from "../../observability.ts";

const KEY = /^[\x21-\x7e]{1,255}$/;
/** Retries of a changing request are expected within a day; after that the key may be reused. */
const REMEMBER_SECONDS = 24 * 3600;

type IdempotentEvent = APIGatewayProxyEventV2 & { idempotency?: { key: string; request: unknown } };

/**
 * `Idempotency-Key` on changing requests (DESIGN.md, "HTTP API"), backed by Powertools idempotency on the service's
 * table. The key is scoped to the caller (`sub`), so two users cannot collide; the request (path, query, validated
 * body) is the payload: the same key with another payload is 422, a retry while the first runs is 409, and a retry
 * after it finished gets the first response back, marked `idempotent-replayed: true`. Errors are not remembered.
 */
export function idempotency(
  tableName: string,
  name: string,
): middy.MiddlewareObj<IdempotentEvent, unknown, Error, HttpContext> {
  const powertools = makeHandlerIdempotent({
    persistenceStore: idempotencyStore(tableName, name),
    config: new IdempotencyConfig({
      eventKeyJmesPath: "idempotency.key",
      payloadValidationJmesPath: "idempotency.request",
      expiresAfterSeconds: REMEMBER_SECONDS,
      responseHook: (response) => {
        const r = response as { headers?: Record<string, string> };
        return { ...r, headers: { ...r.headers, "idempotent-replayed": "true" } };
      },
    }),
    keyPrefix: name,
  });

  // Requests the idempotency check itself refused (422, 409, or the store unreachable): they wrote no record, so
  // they must not run Powertools' onError, which deletes the key's record unconditionally — the first request's,
  // in progress or completed — and lets the next retry run the handler again (a duplicate).
  const refused = new WeakSet<object>();

  return {
    before: async (request) => {
      const key = request.event.headers["idempotency-key"];
      if (key !== undefined) {
        if (!KEY.test(key)) {
          throw new ValidationError([
            { path: ["header", "Idempotency-Key"], message: "1–255 visible ASCII characters" },
          ]);
        }
        const { params, query, body, principal } = request.context.input ?? {};
        request.event.idempotency = {
          key: `${principal?.sub ?? "anonymous"}:${key}`,
          request: { params, query, body },
        };
      }
      try {
        return await powertools.before!(request as never);
      } catch (error) {
        refused.add(request);
        if (error instanceof IdempotencyValidationError) {
          throw new IdempotencyKeyReuseError("This Idempotency-Key was used with a different request.");
        }
        if (error instanceof IdempotencyAlreadyInProgressError) {
          throw new IdempotencyInProgressError(
            "The first request with this Idempotency-Key is still running; retry shortly.",
          );
        }
        throw error;
      }
    },
    // The work is done (and, for a creation, its ids come from the key): if the store is gone before the response is
    // remembered, the answer still goes out; a retry runs the handler again and meets what the first one created.
    after: async (request) => {
      try {
        await powertools.after!(request as never);
      } catch (error) {
        logger.warn("idempotency record not completed; a retry will find the first result by its ids", {
          error: error as Error,
        });
      }
    },
    // A failed request releases its key so a retry may run. If the store is gone, the record stays in progress until it
    // expires (retries get 409 meanwhile) and the request's own error — a 503 when the store is away — is the answer.
    onError: async (request) => {
      if (refused.has(request)) return;
      try {
        await powertools.onError!(request as never);
      } catch (error) {
        logger.warn("idempotency record not released; it expires", { error: error as Error });
      }
    },
  };
}
