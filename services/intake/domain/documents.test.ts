import { describe, expect, it } from "vitest";
import type { Application } from "./application.ts";
import {
  chineseDate,
  documentBody,
  documentHtml,
  documentNumber,
  legalBasisOf,
  type AcceptanceDocument,
} from "./documents.ts";

const application = {
  id: "app_01JSEED0000000000000000001",
  applicant: { kind: "person", name: "张三" },
  itemName: "食品经营许可",
  materialsArrivedAt: "2026-11-24T02:00:00.000Z",
  guide: {
    guide: {
      committedLimitDays: 10,
      statutoryLimitDays: 20,
      legalBasis: { provisions: ["《中华人民共和国食品安全法》第三十五条"] },
    },
  },
  materials: [
    { name: "申请书", status: "paper" },
    { name: "营业执照", status: "eLicense" },
    { name: "平面图", status: "missing" },
  ],
} as unknown as Application;

describe("acceptance documents (art. 27, 29)", () => {
  it("numbers by year and a zero-padded sequence", () => {
    expect(documentNumber(2026, 123)).toBe("2026-000123");
    expect(documentNumber(2026, 12, "A03")).toBe("2026-A03-000012");
  });

  it("writes dates the Chinese way", () => {
    expect(chineseDate("2026-02-05")).toBe("2026年2月5日");
  });

  it("lists the materials received, and the time limit, on the receipt", () => {
    const body = documentBody(application, { kind: "acceptanceReceipt" }, "海淀区政务服务中心").join("\n");
    expect(body).toContain("张三：");
    expect(body).toContain("2026年11月24日");
    expect(body).toContain("承诺办结时限为10个工作日");
    expect(body).toContain("营业执照（电子证照）");
    expect(body).not.toContain("平面图");
  });

  it("names the applicant, the item, the case and the law it rests on (art. 29; 行政许可法 art. 32)", () => {
    const body = documentBody(application, { kind: "acceptanceReceipt" }, "海淀区政务服务中心");
    expect(body.slice(0, 3)).toEqual([
      "申请人：张三",
      "申请事项：食品经营许可",
      "申请编号：app_01JSEED0000000000000000001",
    ]);
    expect(body.at(-1)).toBe(
      "依据：《中华人民共和国行政许可法》第三十二条第一款第（五）项；《中华人民共和国食品安全法》第三十五条。",
    );
    expect(legalBasisOf(application, "correctionNotice")[0]).toContain("第三十二条第一款第（四）项");
  });

  it("tells every correction at once, with the deadline (art. 27(二))", () => {
    const body = documentBody(
      application,
      {
        kind: "correctionNotice",
        items: [
          { material: "平面图", reason: "未提交" },
          { checkpoint: "名称一致", reason: "不一致" },
        ],
        deadline: "2026-12-09",
      },
      "海淀区政务服务中心",
    );
    expect(body).toContain("  1. 平面图：未提交");
    expect(body).toContain("  2. 名称一致：不一致");
    expect(body.join("")).toContain("2026年12月9日前");
  });

  it("states reasons and appeal rights on a rejection (art. 27(四))", () => {
    const body = documentBody(
      application,
      { kind: "rejectionNotice", reasons: ["不属于本机关职权范围"] },
      "中心",
    ).join("\n");
    expect(body).toContain("1. 不属于本机关职权范围");
    expect(body).toContain("行政复议");
  });

  it("escapes what it prints", () => {
    const doc = {
      title: "受理凭证",
      number: "2026-000001",
      issuedAt: "2026-11-25T02:00:00Z",
      id: "doc_1",
      applicationId: "app_1",
      seal: { sealName: "专用章", sha256: "ab".repeat(32) },
      body: ["<script>x</script>"],
    } as AcceptanceDocument;
    const html = documentHtml(doc, "中心");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("/v1/applications/app_1/documents/doc_1/verify");
    expect(html).toContain("ab".repeat(32));
  });
});
