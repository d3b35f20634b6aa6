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

  it("tells an electronic result by SMS in one part, without its link; the inbox keeps the link (issue 21)", () => {
    const t = TEMPLATES["delivery.ready"]!;
    const link = `电子结果已推送，链接7日内有效：/v1/results/${"x".repeat(200)}`;
    const values = {
      itemName: "个体工商户设立登记",
      instructions: link,
      readyBy: "已电子送达，请登录北京政务服务网查看，7日内有效。",
    };
    const sms = render(t.sms, values);
    expect(sms).toBe(
      "【北京政务服务】您的“个体工商户设立登记”办理结果已电子送达，请登录北京政务服务网查看，7日内有效。",
    );
    expect(sms.length).toBeLessThanOrEqual(70);
    expect(render(t.inbox.body, values)).toContain(link);
  });
});
