import { describe, expect, it } from "vitest";
import { oneTimeNotice } from "./one-time-notice.ts";
import type { GuideSnapshot } from "./guide-snapshot.ts";
import type { CenterRef } from "./reference.ts";

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
    expect(notice).toMatchObject({ language: "zh", englishAvailable: false, title: "一次性告知书" });
    expect(notice.materials).toEqual([
      {
        name: "营业执照",
        required: true,
        copies: 1,
        form: "copy",
        eLicenseAccepted: true,
        commitmentAllowed: false,
        tolerable: false,
      },
      {
        name: "管理制度",
        required: true,
        copies: 2,
        form: "original",
        eLicenseAccepted: false,
        commitmentAllowed: true,
        tolerable: false,
      },
    ]);
    expect(notice.text).toContain("营业执照（必需，复印件1份，可用电子证照免交）");
    expect(notice.text).toContain("管理制度（必需，原件2份，可告知承诺）");
    expect(notice.text).toContain("承诺10个工作日（法定20个工作日）");
    expect(notice.text).toContain("工本费10元");
  });

  it("says when there is no fee", () => {
    expect(oneTimeNotice({ ...snapshot, guide: { ...snapshot.guide, fees: [] } }).text).toContain(
      "收费标准\n  不收费",
    );
  });

  it("tells, for a center, where and when, whom to ask, the legal basis and what may be cured later (art. 20, 23(三), 37)", () => {
    // Arrange
    const guide: GuideSnapshot = {
      ...snapshot,
      guide: {
        ...snapshot.guide,
        materials: [
          ...snapshot.guide.materials,
          {
            name: "平面图",
            required: true,
            copies: 1,
            form: "original",
            commitmentAllowed: false,
            tolerable: true,
          },
        ],
        legalBasis: { provisions: ["《中华人民共和国食品安全法》第三十五条"] },
        consultationPhone: "010-88498765",
      },
    };
    const center = {
      id: "ctr_hd",
      name: "海淀区政务服务中心",
      address: "北京市海淀区长春桥路17号",
      consultationPhone: "010-88498888",
      hours: {
        workingDays: [{ from: "09:00", to: "17:00" }],
        extended: { late: { from: "17:00", to: "19:00" }, saturday: [{ from: "09:00", to: "12:00" }] },
      },
    } as unknown as CenterRef;
    // Act
    const notice = oneTimeNotice(guide, center);
    const withoutGuidePhone = oneTimeNotice(
      { ...guide, guide: { ...guide.guide, consultationPhone: undefined } },
      center,
    );
    // Assert
    expect(notice.place).toEqual({
      centerId: "ctr_hd",
      name: "海淀区政务服务中心",
      address: "北京市海淀区长春桥路17号",
      hours: [
        "工作日 09:00—17:00",
        "工作日延时服务 17:00—19:00（原则上预约办理）",
        "周六 09:00—12:00（原则上预约办理）",
        "法定节假日除外",
      ],
    });
    expect(notice.consultationPhone).toBe("010-88498765");
    expect(withoutGuidePhone.consultationPhone).toBe("010-88498888");
    expect(notice.legalBasis).toEqual(["《中华人民共和国食品安全法》第三十五条"]);
    expect(notice.text).toContain("平面图（必需，原件1份，可容缺后补）");
    expect(notice.text).toContain("容缺受理：平面图暂缺时可先行受理，限期补正");
    expect(notice.text).toContain("告知承诺：管理制度可以书面承诺代替");
    expect(notice.text).toContain("六、设定依据\n  《中华人民共和国食品安全法》第三十五条");
    expect(notice.text).toContain("七、办理地点\n  海淀区政务服务中心（北京市海淀区长春桥路17号）");
    expect(notice.text).toContain("九、咨询电话\n  010-88498765");
  });

  describe("in English (外语服务, art. 15)", () => {
    const withEnglish: GuideSnapshot = {
      ...snapshot,
      guide: {
        ...snapshot.guide,
        english: {
          itemName: "Food Business Licence",
          conditions: ["Have business premises"],
          procedure: ["Apply", "Acceptance"],
          materials: [{ name: "营业执照", text: "Business licence" }],
          notes: "English is spoken at window 12.",
        },
      },
    };

    it("gives the department's English text where the guide has one, keeping the guide's material names", () => {
      // Act
      const notice = oneTimeNotice(withEnglish, undefined, "en");
      // Assert
      expect(notice).toMatchObject({
        language: "en",
        englishAvailable: true,
        title: "One-time notice",
        itemName: "Food Business Licence",
        conditions: ["Have business premises"],
        procedure: ["Apply", "Acceptance"],
        notes: "English is spoken at window 12.",
        timeLimit: { committedWorkingDays: 10, statutoryWorkingDays: 20 },
      });
      expect(notice.materials.map((m) => [m.name, m.englishName])).toEqual([
        ["营业执照", "Business licence"],
        ["管理制度", undefined],
      ]);
      expect(notice.text).toContain("One-time notice: Food Business Licence (HD-0001, guide version 3)");
      expect(notice.text).toContain(
        "2. Materials\n  1. Business licence (required, copy, 1 copy, not needed if you hold it as an e-license)",
      );
      expect(notice.text).toContain(
        "管理制度 (required, original, 2 copies, a written pledge may replace it)",
      );
      expect(notice.text).toContain(
        "Notification and commitment: 管理制度 may be replaced by a written pledge",
      );
      expect(notice.text).toContain("10 working days committed (statutory limit 20 working days)");
      expect(notice.text).toContain("工本费: 10 yuan");
      expect(notice.text).toContain("7. Notes\n  English is spoken at window 12.");
      expect(notice.text).not.toContain("申请条件");
    });

    it("gives the Chinese notice, saying no English text exists, where the guide has none", () => {
      const notice = oneTimeNotice(snapshot, undefined, "en");
      expect(notice).toMatchObject({ language: "zh", englishAvailable: false, itemName: "食品经营许可" });
      expect(notice.conditions).toEqual(["有经营场所"]);
      expect(notice.materials.every((m) => m.englishName === undefined)).toBe(true);
      expect(notice.text).toMatch(/^一次性告知书：食品经营许可/);
    });

    it("stays Chinese when Chinese is asked for, and says English exists", () => {
      const notice = oneTimeNotice(withEnglish);
      expect(notice).toMatchObject({ language: "zh", englishAvailable: true, itemName: "食品经营许可" });
      expect(notice.notes).toBeUndefined();
      expect(notice.materials[0]!.englishName).toBeUndefined();
    });

    it("prints a center's hours in English", () => {
      const center = {
        id: "ctr_hd",
        name: "海淀区政务服务中心",
        address: "北京市海淀区长春桥路17号",
        hours: {
          workingDays: [{ from: "09:00", to: "17:00" }],
          extended: { late: { from: "17:00", to: "19:00" }, saturday: [{ from: "09:00", to: "12:00" }] },
        },
      } as unknown as CenterRef;
      const notice = oneTimeNotice(withEnglish, center, "en");
      expect(notice.place?.hours).toEqual([
        "Working days 09:00—17:00",
        "Extended hours on working days 17:00—19:00 (by appointment as a rule)",
        "Saturdays 09:00—12:00 (by appointment as a rule)",
        "Closed on statutory holidays",
      ]);
      expect(notice.text).toContain("7. Place\n  海淀区政务服务中心 (北京市海淀区长春桥路17号)");
    });
  });
});
