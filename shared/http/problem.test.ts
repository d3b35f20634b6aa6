import { describe, expect, it } from "vitest";
import {
  ConflictError,
  ForbiddenError,
  IdempotencyKeyReuseError,
  InvalidTransitionError,
  NotFoundError,
  RuleViolationError,
  UnauthenticatedError,
  ValidationError,
} from "../errors.ts";
import { problemResponse, toProblem } from "./problem.ts";

describe("toProblem", () => {
  it.each([
    [new ValidationError([{ path: ["a"], message: "m" }]), 400],
    [new UnauthenticatedError("x"), 401],
    [new ForbiddenError("x"), 403],
    [new NotFoundError("x"), 404],
    [new ConflictError("x"), 409],
    [new InvalidTransitionError("submitted", "decide"), 409],
    [new IdempotencyKeyReuseError("x"), 422],
    [new RuleViolationError("committed-limit", "x"), 422],
  ])("maps %s to %i", (error, status) => {
    expect(toProblem(error).status).toBe(status);
    expect(toProblem(error).type).toBe(`urn:govservice:problem:${error.code}`);
  });

  it("keeps field paths on validation problems", () => {
    const problem = toProblem(new ValidationError([{ path: ["materials", 0, "name"], message: "required" }]));
    expect(problem.errors).toEqual([{ path: ["materials", 0, "name"], message: "required" }]);
  });

  it("says nothing internal about an unexpected error", () => {
    const problem = toProblem(new Error("ConditionalCheckFailed on table govservice-intake at pk=app#1"), {
      requestId: "r1",
    });
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toMatch(/govservice-intake|pk=|Conditional/);
    expect(problem.requestId).toBe("r1");
  });
});

describe("toProblem for an unreachable dependency", () => {
  const refused = () =>
    Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8000"), { code: "ECONNREFUSED" });
  const timedOut = () => Object.assign(new Error("socket timed out"), { name: "TimeoutError" });

  it.each([
    ["a refused connection", refused()],
    ["the SDK's timeout", timedOut()],
    ["a throttled call", Object.assign(new Error("slow down"), { name: "ThrottlingException" })],
    [
      "a transaction that lost a race (TransactionConflict, nothing written)",
      Object.assign(new Error("Transaction cancelled"), {
        name: "TransactionCanceledException",
        CancellationReasons: [{ Code: "None" }, { Code: "TransactionConflict" }],
      }),
    ],
    [
      "a wrapped failure (Powertools' store)",
      new Error("Failed to save in progress record", { cause: refused() }),
    ],
  ])("answers %s with 503 and Retry-After, naming nothing internal", (_, error) => {
    const problem = toProblem(error, { requestId: "r1" });
    expect(problem).toMatchObject({
      status: 503,
      type: "urn:govservice:problem:service-unavailable",
      retryAfterSeconds: 1,
      requestId: "r1",
    });
    expect(JSON.stringify(problem)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|socket|slow down|Powertools/);
    expect(problemResponse(problem).headers["retry-after"]).toBe("1");
  });

  it("keeps a transaction cancelled by a failed condition a 500: that is a refusal the use case should have named", () => {
    const cancelled = Object.assign(new Error("Transaction cancelled"), {
      name: "TransactionCanceledException",
      CancellationReasons: [{ Code: "ConditionalCheckFailed" }, { Code: "TransactionConflict" }],
    });
    expect(toProblem(cancelled).status).toBe(500);
  });

  it("keeps other errors a bare 500", () => {
    expect(toProblem(new Error("boom", { cause: new Error("deeper") })).status).toBe(500);
    expect(problemResponse(toProblem(new Error("boom"))).headers).not.toHaveProperty("retry-after");
  });
});

describe("toProblem for what the table refused for its size", () => {
  const refused = (message: string) => Object.assign(new Error(message), { name: "ValidationException" });

  it.each([
    ["an item over 400 KB", refused("Item size has exceeded the maximum allowed size"), 413],
    ["an update making it so", refused("Item size to update has exceeded the maximum allowed size"), 413],
    [
      "a key value over its limit",
      refused(
        "Hash primary key values must be under 2048 bytes, and range primary key values must be under 1024 bytes",
      ),
      400,
    ],
  ])("answers %s with a 4xx about the input, naming nothing internal", (_, error, status) => {
    const problem = toProblem(error);
    expect(problem.status).toBe(status);
    expect(JSON.stringify(problem)).not.toMatch(/primary key|maximum allowed/);
  });

  it("keeps any other ValidationException a 500: that is our request, not the caller's", () => {
    expect(toProblem(refused("One or more parameter values were invalid: Missing the key pk")).status).toBe(
      500,
    );
  });
});
