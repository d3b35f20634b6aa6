import { describe, expect, it } from "vitest";
import { bundleOf, symbolicate } from "../../scripts/symbolicate.ts";

/** Where a text first appears in generated code, as a stack frame gives it (1-based line and column). */
function positionOf(code: string, text: string): { line: number; column: number } {
  const lines = code.split("\n");
  const line = lines.findIndex((l) => l.includes(text));
  return { line: line + 1, column: lines[line]!.indexOf(text) + 1 };
}

describe("npm run symbolicate", () => {
  it("maps a deployed function's stack frames back to the sources the bundle was built from", async () => {
    // Arrange: the bundle CDK builds for the function, and a trace as Lambda logs it, with a frame at a place whose
    // source is known (the message of a refused Idempotency-Key, in shared/http/idempotency.ts)
    const { code, map } = await bundleOf("review-claim-task");
    const { line, column } = positionOf(code, "visible ASCII characters");
    const trace = [
      "ValidationError: Invalid request",
      `    at run (/var/task/index.js:${line}:${column})`,
      "    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)",
    ].join("\n");
    // Act
    const mapped = symbolicate(trace, map).split("\n");
    // Assert: the bundle's frame names the source file and line; the others are left as they were
    expect(mapped[0]).toBe("ValidationError: Invalid request");
    expect(mapped[1]).toMatch(/^ {4}at run \(shared\/http\/idempotency\.ts:\d+:\d+/);
    expect(mapped[2]).toBe(trace.split("\n")[2]);
  });

  it("refuses a function the manifest does not have", async () => {
    await expect(bundleOf("review-no-such-function")).rejects.toThrow(/No function review-no-such-function/);
  });
});
