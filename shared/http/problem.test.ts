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
import { toProblem } from "./problem.ts";

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
