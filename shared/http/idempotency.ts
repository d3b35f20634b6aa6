import type { APIGatewayProxyEventV2 } from "aws-lambda";
import {
  requestRecordKey,
  RequestAlreadyRecorded,
  type Answer,
  type RequestRecord,
  type RequestRecords,
} from "../aws/request-records.ts";
import { IdempotencyInProgressError, IdempotencyKeyReuseError, ValidationError } from "../errors.ts";
import { logger } from "../observability.ts";
import { canonicalJson, sha256Hex } from "../signing/canonical.ts";
import { withoutKey, type Idempotency, type IdempotencyStep } from "./chain.ts";
import type { HttpContext } from "./middlewares/context.ts";
import { toProblem } from "./problem.ts";
import { toApiResult } from "./responses.ts";

export { withoutKey, type Idempotency } from "./chain.ts";

const KEY = /^[\x21-\x7e]{1,255}$/;
/** Retries of a changing request are expected within a day; after that the key may be reused. */
const REMEMBER_SECONDS = 24 * 3600;
/** Without a Lambda context (tests), how long an in-progress record holds its key. */
const DEFAULT_IN_PROGRESS_MS = 30_000;

const replayed = (response: Answer): Answer => ({
  ...response,
  headers: { ...response.headers, "idempotent-replayed": "true" },
});

/**
 * `Idempotency-Key` on changing requests (DESIGN.md, "HTTP API"). The key is scoped to the caller (`sub`), so two
 * users cannot collide; the request (path, query, validated body) is what its hash compares: the same key with another
 * request is 422, and a retry after the first finished gets the first response back, marked `idempotent-replayed:
 * true`. Errors are not remembered. Records expire after a day (shared/aws/request-records.ts). Two ways to keep them:
 *
 * - In the transaction (`idempotent: "in-transaction"`, a use case that writes once, submit first): the handler gives
 *   its use case the record with the answer (`Idempotency.recordOf`), one more Put in the transaction that creates what
 *   the answer describes, conditioned on the key being free — no request of its own. A refusal of that Put means the
 *   key was used: the record is read and replayed, or the request is 422. Every other refusal of a request with a key
 *   reads the record too (a retry of a finished request may now fail a rule, or carry another body): the first answer,
 *   or 422, comes before the refusal. A retry while the first runs runs too, and the two transactions decide: the
 *   loser replays the winner's answer, or is told 409 if they meet in DynamoDB at the same moment. Ids made from the
 *   key (shared/ids.ts `keyedIds`) make both build the same thing.
 * - The generic step, for every other changing route: the key is claimed with a record in progress before the handler
 *   runs (a retry meanwhile is 409; a completed record is replayed without running the handler), the answer is stored
 *   after it, and a failure releases the claim.
 *
 * When the table is unreachable: a request that could not claim its key is refused with the store's own error (503)
 * and releases nothing — the first request's record stays as it is. If the store goes away after the work was done,
 * before its answer is remembered, the answer still goes out; the record stays in progress until its invocation's time
 * is up, and then a retry runs the handler again and meets what the first one created (ids made from the key). A
 * failed request whose claim cannot be released leaves it in progress for as long (retries get 409 meanwhile), and
 * its own error — a 503 when the store is away — is the answer. Recorded in the transaction, a request that could not
 * commit wrote no record at all, and its retry simply runs.
 */
export function idempotencyStep(
  records: RequestRecords,
  route: string,
  inTransaction: boolean,
): IdempotencyStep {
  return async function run(
    event: APIGatewayProxyEventV2,
    context: HttpContext,
    handler: (idempotency: Idempotency, key: string | undefined) => Promise<Answer>,
  ): Promise<Answer> {
    const given = event.headers["idempotency-key"];
    if (given === undefined) return handler(withoutKey, undefined);
    if (!KEY.test(given)) {
      throw new ValidationError([
        { path: ["header", "Idempotency-Key"], message: "1–255 visible ASCII characters" },
      ]);
    }
    const { params, query, body, principal } = context.input ?? {};
    const scoped = `${principal?.sub ?? "anonymous"}:${given}`;
    const key = requestRecordKey(route, sha256Hex(scoped));
    const requestHash = sha256Hex(canonicalJson({ params, query, body }));
    const ttl = Math.floor(Date.now() / 1000) + REMEMBER_SECONDS;

    /** The answer a found record gives this request: its response again, or 422 for another request. */
    const answerFrom = (record: RequestRecord): Answer => {
      if (record.requestHash !== requestHash)
        throw new IdempotencyKeyReuseError("This Idempotency-Key was used with a different request.");
      if (record.idemStatus !== "COMPLETED" || !record.response)
        throw new IdempotencyInProgressError(
          "The first request with this Idempotency-Key is still running; retry shortly.",
        );
      return replayed(record.response);
    };

    if (inTransaction) {
      let recorded = false;
      const idempotency: Idempotency = {
        recordOf: (answer) => (result) => {
          recorded = true;
          return [records.completedInTransaction(key, requestHash, toApiResult(answer(result)), ttl)];
        },
      };
      let response: Answer;
      try {
        response = await handler(idempotency, scoped);
      } catch (error) {
        // A refusal (4xx) or the record's own: the key's first answer, if there is one, comes first.
        if (!(error instanceof RequestAlreadyRecorded) && !isRefusal(error)) throw error;
        const record = await records.get(key).catch((readError: unknown) => {
          // The record refused the write, so it exists: not knowing it is the store's failure. Any other refusal
          // stands as it is.
          if (error instanceof RequestAlreadyRecorded) throw readError;
          return undefined;
        });
        if (record && !(await records.witnessed(record))) {
          // What the record answers is not there (an emulator's transaction cut in half: see withWitness): forget
          // the record, and let the retry run the request again (ids from the key make the same things).
          logger.error("idempotency record without what it answers; forgotten, the retry runs again", {
            route,
          });
          await records.forget(record);
          throw new IdempotencyInProgressError(
            "The first request with this Idempotency-Key did not finish; retry.",
          );
        }
        if (record) return answerFrom(record);
        if (error instanceof RequestAlreadyRecorded)
          // Refused by a record that has expired since: the key is free again.
          throw new IdempotencyInProgressError("This Idempotency-Key was just released; retry.");
        throw error;
      }
      if (!recorded) {
        logger.error(
          "route records its Idempotency-Key in its transaction, but its handler wrote no record",
          {
            route,
          },
        );
        await records
          .completeIfFree({ ...key, idemStatus: "COMPLETED", requestHash, response, ttl })
          .catch((e: unknown) => logger.warn("idempotency record not written", { error: e as Error }));
      }
      return response;
    }

    const owner = context.awsRequestId;
    const remaining = context.getRemainingTimeInMillis?.() ?? DEFAULT_IN_PROGRESS_MS;
    const found = await records.claim({
      ...key,
      idemStatus: "INPROGRESS",
      requestHash,
      ttl,
      inProgressUntil: Date.now() + remaining,
      owner,
    });
    if (found) return answerFrom(found);
    let response: Answer;
    try {
      response = await handler(withoutKey, scoped);
    } catch (error) {
      await records
        .release(key, owner)
        .catch((e: unknown) =>
          logger.warn("idempotency record not released; it expires", { error: e as Error }),
        );
      throw error;
    }
    try {
      await records.complete(key, response);
    } catch (error) {
      logger.warn("idempotency record not completed; a retry will find the first result by its ids", {
        error: error as Error,
      });
    }
    return response;
  };
}

/** A refusal of the request itself (4xx), as opposed to a failure to serve it (5xx) or a wait (409 in progress). */
function isRefusal(error: unknown): boolean {
  const { status } = toProblem(error);
  return status >= 400 && status < 500 && !(error instanceof IdempotencyInProgressError);
}
