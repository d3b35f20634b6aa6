import { describe, expect, it } from "vitest";
import { oneTimeNotice } from "./one-time-notice.ts";
import type { GuideSnapshot } from "./guide-snapshot.ts";

const snapshot: GuideSnapshot = {
  itemId: "itm_01JSEED0000000000000000001",
  code: "HD-0001",
  name: "食品经营许可",
  departmentId: "dep_1",
  level: "district",
  version: 3,
  publishedAt: "2026-11-25T00:00:00.000Z",
  projectedAt: "2026-11-25T00:00:01.000Z",
  sourceEventId: "evt_1",
  guide: {
    conditions: ["有经营场所"],
    materials: [
      {
        name: "营业执照",
        required: true,
        copies: 1,
        form: "copy",
        eLicenseType: "营业执照",
        commitmentAllowed: false,
        tolerable: false,
      },
      {
        name: "管理制度",
        required: true,
        copies: 2,
        form: "original",
        commitmentAllowed: true,
        tolerable: false,
      },
    ],
    procedure: ["申请", "受理"],
    statutoryLimitDays: 20,
    committedLimitDays: 10,
    fees: [{ name: "工本费", amountYuan: 10 }],
    checkpoints: [],
    deliveryMethods: ["window"],
    appointment: { mode: "walkInOrAppointment", slotMinutes: 15, bookAheadDays: 14 },
    crossRegion: "none",
    lowestLevel: "district",
  },
};

describe("the one-time notice (一次性告知, art. 20)", () => {
  it("tells conditions, materials, procedure, limits and fees at once, from the guide version in force", () => {
    const notice = oneTimeNotice(snapshot);
    expect(notice.guideVersion).toBe(3);
    expect(notice.materials).toEqual([
      {
        name: "营业执照",
        required: true,
        copies: 1,
        form: "copy",
        eLicenseAccepted: true,
        commitmentAllowed: false,
      },
      {
        name: "管理制度",
        required: true,
        copies: 2,
        form: "original",
        eLicenseAccepted: false,
        commitmentAllowed: true,
      },
    ]);
    expect(notice.text).toContain("营业执照（必需，复印件1份，可用电子证照免交）");
    expect(notice.text).toContain("管理制度（必需，原件2份，可告知承诺）");
    expect(notice.text).toContain("承诺10个工作日（法定20个工作日）");
    expect(notice.text).toContain("工本费10元");
  });

  it("says when there is no fee", () => {
    expect(oneTimeNotice({ ...snapshot, guide: { ...snapshot.guide, fees: [] } }).text).toContain(
      "收费：不收费",
    );
  });
});
