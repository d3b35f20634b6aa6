import {
  AppError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  IdempotencyInProgressError,
  IdempotencyKeyReuseError,
  InternalError,
  InvalidTransitionError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  RuleViolationError,
  ServiceUnavailableError,
  refusedForSize,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from "../errors.ts";

/** The one table from error class to HTTP status (checked in order; subclasses before their parents). */
const STATUS: [new (...args: never[]) => AppError, number, string][] = [
  [ValidationError, 400, "Invalid request"],
  [BadRequestError, 400, "Bad request"],
  [UnauthenticatedError, 401, "Unauthenticated"],
  [ForbiddenError, 403, "Forbidden"],
  [NotFoundError, 404, "Not found"],
  [MethodNotAllowedError, 405, "Method not allowed"],
  [InvalidTransitionError, 409, "Not allowed in the current state"],
  [IdempotencyInProgressError, 409, "Request still in progress"],
  [ConflictError, 409, "Conflict"],
  [PayloadTooLargeError, 413, "Payload too large"],
  [UnsupportedMediaTypeError, 415, "Unsupported media type"],
  [IdempotencyKeyReuseError, 422, "Idempotency key reused"],
  [RuleViolationError, 422, "Rule violation"],
  [InternalError, 500, "Internal error"],
  [ServiceUnavailableError, 503, "Service unavailable"],
];

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
export const problemType = (code: string) => `urn:govservice:problem:${code}`;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  [extension: string]: unknown;
}

/**
 * RFC 9457 body for an error. Known errors keep their detail and extensions (field paths, state); a dependency that
 * cannot be reached or is throttling is a 503 with `retryAfterSeconds`; anything else is a 500 whose body says nothing
 * about the cause — the log has it, found by `requestId`.
 */
export function toProblem(thrown: unknown, context: { instance?: string; requestId?: string } = {}): Problem {
  // An unreachable or throttling dependency is the caller's "retry later" (503), not our bug (500).
  const error =
    thrown instanceof AppError
      ? thrown
      : (ServiceUnavailableError.from(thrown) ?? refusedForSize(thrown) ?? thrown);
  const entry = error instanceof AppError ? STATUS.find(([cls]) => error instanceof cls) : undefined;
  if (!entry || entry[1] === 500 || !(error instanceof AppError)) {
    return {
      type: problemType("internal"),
      title: "Internal error",
      status: 500,
      detail: "The request could not be completed. Quote the requestId when reporting this.",
      ...context,
    };
  }
  const [, status, title] = entry;
  return {
    type: problemType(error.code),
    title,
    status,
    detail: error.message,
    ...context,
    ...error.extensions,
  };
}

export function problemResponse(problem: Problem, extraHeaders: Record<string, string> = {}) {
  const headers: Record<string, string> = {
    "content-type": PROBLEM_CONTENT_TYPE,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...extraHeaders,
  };
  // RFC 9110 §10.2.3: a 503 says when to come back; the body carries the same number for clients that read JSON.
  if (problem.status === 503 && typeof problem.retryAfterSeconds === "number")
    headers["retry-after"] = String(problem.retryAfterSeconds);
  // RFC 9110 §15.5.6: a 405 names the methods the path has.
  if (problem.status === 405 && Array.isArray(problem.allow)) headers.allow = problem.allow.join(", ");
  return { statusCode: problem.status, headers, body: JSON.stringify(problem) };
}
