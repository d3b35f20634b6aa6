import { describe, expect, it } from "vitest";
import { isFinal, moveTo } from "./notification.ts";

describe("a notification's life", () => {
  it("tries again after an attempt that died while sending, and never leaves a final status", () => {
    expect(moveTo("sending", "sending")).toBe("sending");
    expect(moveTo("temporaryFailure", "sending")).toBe("sending");
    expect(isFinal("delivered")).toBe(true);
    expect(() => moveTo("delivered", "sending")).toThrow();
    expect(() => moveTo("permanentFailure", "sending")).toThrow();
    expect(isFinal("permanentFailure")).toBe(true);
  });

  it("sends again after a technical failure only when its message is redriven", () => {
    expect(isFinal("technicalFailure")).toBe(false);
    expect(moveTo("technicalFailure", "sending")).toBe("sending");
    expect(() => moveTo("technicalFailure", "delivered")).toThrow();
  });
});
