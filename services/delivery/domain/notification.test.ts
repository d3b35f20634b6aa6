import { describe, expect, it } from "vitest";
import { isFinal, moveTo } from "./notification.ts";

describe("a notification's life", () => {
  it("ends each attempt in its outcome, and never leaves a final status", () => {
    expect(moveTo("created", "delivered")).toBe("delivered");
    expect(moveTo("created", "temporaryFailure")).toBe("temporaryFailure");
    expect(moveTo("temporaryFailure", "delivered")).toBe("delivered");
    expect(moveTo("temporaryFailure", "temporaryFailure")).toBe("temporaryFailure");
    expect(moveTo("created", "rateLimited")).toBe("rateLimited");
    expect(isFinal("delivered")).toBe(true);
    expect(() => moveTo("delivered", "temporaryFailure")).toThrow();
    expect(() => moveTo("permanentFailure", "delivered")).toThrow();
    expect(() => moveTo("rateLimited", "delivered")).toThrow();
    expect(() => moveTo("temporaryFailure", "rateLimited")).toThrow();
    expect(isFinal("permanentFailure")).toBe(true);
  });

  it("takes up a notification an earlier attempt left sending", () => {
    expect(moveTo("sending", "delivered")).toBe("delivered");
    expect(moveTo("sending", "technicalFailure")).toBe("technicalFailure");
  });

  it("is attempted again after a technical failure (its message redriven from the DLQ)", () => {
    expect(isFinal("technicalFailure")).toBe(false);
    expect(moveTo("technicalFailure", "delivered")).toBe("delivered");
  });
});
