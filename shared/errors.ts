/**
 * The one error hierarchy. Domain code and use cases throw these; `http/problem.ts` maps them to HTTP statuses in
 * one table. Messages (`detail`) are written for the caller; never put internals (SQL, stack, table names) in them.
 */
export interface FieldIssue {
  /** Path to the offending field, e.g. `["materials", 0, "name"]`; `[]` for the whole input. */
  path: (string | number)[];
  message: string;
}

export abstract class AppError extends Error {
  /** Stable, machine-readable problem kind; becomes the problem `type` URI suffix. */
  abstract readonly code: string;
  readonly extensions: Record<string, unknown>;
  constructor(detail: string, extensions: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(detail, options);
    this.name = new.target.name;
    this.extensions = extensions;
  }
}

/** The request is malformed (not JSON, bad header, unreadable cursor). */
export class BadRequestError extends AppError {
  readonly code: string = "bad-request";
}

/** Input failed its schema or a field rule; carries every failing field. */
export class ValidationError extends AppError {
  readonly code: string = "validation-failed";
  constructor(
    readonly errors: FieldIssue[],
    detail = "The request has invalid fields.",
  ) {
    super(detail, { errors });
  }
}

export class UnauthenticatedError extends AppError {
  readonly code: string = "unauthenticated";
}

/** Authenticated, but the role or the scope (center, department, owner) does not allow this. */
export class ForbiddenError extends AppError {
  readonly code: string = "forbidden";
}

export class NotFoundError extends AppError {
  readonly code: string = "not-found";
}

/** The resource changed under the caller (optimistic concurrency) or already exists. */
/** The path exists, but not with this method (RFC 9110 §15.5.6): 405 with `Allow` naming the methods it has. */
export class MethodNotAllowedError extends AppError {
  readonly code: string = "method-not-allowed";
  constructor(readonly allow: string[]) {
    super(`This path answers ${allow.join(", ")} only.`, { allow });
  }
}

export class ConflictError extends AppError {
  readonly code: string = "conflict";
}

/** A state machine refused a command in the current state. */
export class InvalidTransitionError extends AppError {
  readonly code: string = "invalid-transition";
  constructor(
    readonly state: string,
    readonly command: string,
    detail = `Cannot ${command} in state ${state}.`,
  ) {
    super(detail, { state, command });
  }
}

/** Well-formed input that a business rule refuses (e.g. committed limit above the statutory one). */
export class RuleViolationError extends AppError {
  readonly code: string = "rule-violation";
  constructor(
    readonly rule: string,
    detail: string,
    readonly errors: FieldIssue[] = [],
    extra: Record<string, unknown> = {},
  ) {
    super(detail, { rule, ...(errors.length ? { errors } : {}), ...extra });
  }
}

export class PayloadTooLargeError extends AppError {
  readonly code: string = "payload-too-large";
}

export class UnsupportedMediaTypeError extends AppError {
  readonly code: string = "unsupported-media-type";
}

/** Same Idempotency-Key with a different request. */
export class IdempotencyKeyReuseError extends AppError {
  readonly code: string = "idempotency-key-reused";
}

/** The first request with this Idempotency-Key is still running. */
export class IdempotencyInProgressError extends AppError {
  readonly code: string = "idempotency-in-progress";
}

/**
 * A dependency (the table, a queue) is unreachable or shedding load: the request did not complete (though a write
 * may have landed before the failure), and the same request may succeed later. Reported as 503 with `Retry-After`;
 * the detail never names the dependency.
 */
export class ServiceUnavailableError extends AppError {
  readonly code: string = "service-unavailable";
  constructor(
    readonly retryAfterSeconds = 1,
    detail = "The service is briefly unavailable. Retry shortly, with the same Idempotency-Key if the request had one.",
    options?: { cause?: unknown },
  ) {
    super(detail, { retryAfterSeconds }, options);
  }

  /**
   * The error, if it (or anything in its `cause` chain — Powertools wraps the store's failures) says a dependency
   * could not be reached or is throttling: the Node socket codes the SDK retries, the SDK's own `TimeoutError`, AWS
   * throttling and 503/504 answers. Anything else is not ours to call transient and stays a 500.
   */
  static from(error: unknown): ServiceUnavailableError | undefined {
    for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
      const { code, $metadata } = e as { code?: string; $metadata?: { httpStatusCode?: number } };
      const status = $metadata?.httpStatusCode;
      if (
        (code !== undefined && UNREACHABLE_CODES.has(code)) ||
        UNAVAILABLE_NAMES.has(e.name) ||
        status === 503 ||
        status === 504 ||
        isTransactionConflict(e)
      ) {
        return new ServiceUnavailableError(1, undefined, { cause: error });
      }
    }
    return undefined;
  }
}

/**
 * A transaction DynamoDB cancelled because another one touched the same items at that moment, with no condition
 * failing: nothing was written and the same request can succeed a moment later. Stores retry it where writes race by
 * design (`retrying` in shared/aws/dynamo.ts); anywhere else it answers 503, not 500. By name, so this module needs no
 * AWS import.
 */
export function isTransactionConflict(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== "TransactionCanceledException") return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return (
    reasons.some((r) => r.Code === "TransactionConflict") &&
    !reasons.some((r) => r.Code === "ConditionalCheckFailed")
  );
}

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const UNAVAILABLE_NAMES = new Set([
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "ServiceUnavailable",
]);

/**
 * DynamoDB refused a write for the size of what the caller sent: an item over 400 KB, or a key value over its limit
 * (2048 bytes for a partition key, 1024 for a sort key). The schemas bound every field so this should not happen; when
 * one slips through, the caller gets a 413 or a 400 for their input, not a 500 — and the log still has the cause.
 */
export function refusedForSize(error: unknown): AppError | undefined {
  if (!(error instanceof Error) || error.name !== "ValidationException") return undefined;
  if (/item size (to update )?has exceeded/i.test(error.message))
    return new PayloadTooLargeError("What was sent makes a record larger than can be stored.", undefined, {
      cause: error,
    });
  if (
    /key values must be under|size of (hash|range)key has exceeded|key.*exceeds? .*bytes/i.test(error.message)
  )
    return new BadRequestError("An identifier or name in the request is too long.", undefined, {
      cause: error,
    });
  return undefined;
}

/** A configuration or invariant failure inside the system; reported as 500 with no detail. */
export class InternalError extends AppError {
  readonly code: string = "internal";
}
