import { describe, expect, it } from "vitest";
import { MissingPlaceholderError, render, TEMPLATES } from "./templates.ts";

describe("notification templates (art. 31)", () => {
  it("fills every placeholder", () => {
    const t = TEMPLATES["application.accepted"]!;
    expect(render(t.sms, { itemName: "食品经营许可", committedLimitDays: 10 })).toBe(
      "【北京政务服务】您的“食品经营许可”申请已受理，承诺10个工作日内办结。",
    );
  });

  it("refuses to send a message with a hole in it", () => {
    expect(() => render(TEMPLATES["application.accepted"]!.sms, { itemName: "x" })).toThrow(
      MissingPlaceholderError,
    );
  });

  it("versions every template and keeps SMS short enough for a few segments", () => {
    for (const t of Object.values(TEMPLATES)) {
      expect(t.version).toBeGreaterThanOrEqual(1);
      expect(t.sms.startsWith("【北京政务服务】")).toBe(true);
      expect(t.sms.length).toBeLessThan(140);
    }
  });

  it("never opens a message with the applicant's name, which a stranger could have typed (issue 15)", () => {
    for (const t of Object.values(TEMPLATES)) {
      expect(t.email.body.startsWith("您好：")).toBe(true);
      expect(t.email.body).not.toContain("{applicantName}");
      expect(t.sms).not.toContain("{applicantName}");
    }
  });
});
