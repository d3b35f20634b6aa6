import { describe, expect, it } from "vitest";
import { WINDOW_TYPES } from "#services/catalog/domain/window.ts";
import { anonymous, as, request } from "./support/api.ts";
import { seeded } from "./support/seed.ts";

const legalHours = {
  workingDays: [
    { from: "09:00", to: "12:00" },
    { from: "13:30", to: "17:00" },
  ],
};

function subdistrictInput(overrides: Record<string, unknown> = {}) {
  return {
    name: `测试街道政务服务中心${Math.random().toString(36).slice(2, 7)}`,
    level: "subdistrict",
    kind: "comprehensive",
    parentId: seeded.haidian,
    address: "北京市海淀区测试路1号",
    consultationPhone: "010-62345678",
    hours: legalHours,
    ...overrides,
  };
}

describe("centers (art. 8–15)", () => {
  it("lists centers publicly, and the centers directly below one", async () => {
    const all = await anonymous.get("/v1/centers?limit=100");
    const below = await anonymous.get(`/v1/centers?parentId=${seeded.haidian}&limit=100`);
    const districts = await anonymous.get("/v1/centers?level=district");
    expect(all.status).toBe(200);
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([seeded.city, seeded.haidian]),
    );
    expect(below.body.items.every((c: { parentId: string }) => c.parentId === seeded.haidian)).toBe(true);
    expect(below.body.items.map((c: { id: string }) => c.id)).toContain(seeded.subdistrict);
    expect(districts.body.items.every((c: { level: string }) => c.level === "district")).toBe(true);
  });

  it("shows a center with hours, phone, departments and windows of every type", async () => {
    const res = await anonymous.get(`/v1/centers/${seeded.haidian}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ level: "district", kind: "comprehensive", ancestorIds: [seeded.city] });
    expect(res.body.hours.workingDays.length).toBeGreaterThan(0);
    expect(res.body.departments.length).toBeGreaterThanOrEqual(5);
    expect(new Set(res.body.windows.map((w: { type: string }) => w.type))).toEqual(new Set(WINDOW_TYPES));
  });

  it("lets an administration register a center below its own", async () => {
    const res = await as("admin").post("/v1/centers", subdistrictInput());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      parentId: seeded.haidian,
      ancestorIds: [seeded.city, seeded.haidian],
      version: 1,
    });
    expect((await anonymous.get(`/v1/centers/${res.body.id}`)).status).toBe(200);
  });

  it("refuses a district admin changing another district's center (403), and lets the city admin", async () => {
    const denied = await request("PATCH", `/v1/centers/${seeded.otherDistrict}`, {
      as: "admin",
      body: { consultationPhone: "010-69999999" },
    });
    const allowed = await request("PATCH", `/v1/centers/${seeded.otherDistrict}`, {
      as: "cityAdmin",
      body: { consultationPhone: "010-69999999" },
    });
    expect(denied.status).toBe(403);
    expect(allowed.status).toBe(200);
    expect(allowed.body.consultationPhone).toBe("010-69999999");
  });

  it("names the bad field: invalid phone, unknown parent", async () => {
    const phone = await as("admin").post("/v1/centers", subdistrictInput({ consultationPhone: "12-34" }));
    const parent = await as("admin").post(
      "/v1/centers",
      subdistrictInput({ parentId: "ctr_01JSEED0000000000000000999" }),
    );
    expect(phone.status).toBe(400);
    expect(phone.body.errors.map((e: { path: string[] }) => e.path)).toEqual([["consultationPhone"]]);
    expect(parent.status).toBe(400);
    expect(parent.body.errors[0].path).toEqual(["parentId"]);
  });

  it("refuses shortened legal hours without the art. 10 adjustment", async () => {
    const res = await as("admin").post(
      "/v1/centers",
      subdistrictInput({ hours: { workingDays: [{ from: "09:00", to: "12:00" }] } }),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toEqual(["hours", "workingDays"]);
  });

  it("refuses an hours adjustment by a center that is not a remote mountain township", async () => {
    const res = await as("admin").post(
      "/v1/centers",
      subdistrictInput({
        hours: {
          ...legalHours,
          adjustment: {
            reason: "冬季",
            districtApprovalRef: "海政函〔2026〕1号",
            cityFilingRef: "京政服备〔2026〕1号",
          },
        },
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toEqual(["hours", "adjustment"]);
  });

  it("adjusts a remote mountain township's hours only with both the district approval and the city filing", async () => {
    const short = { workingDays: [{ from: "09:30", to: "15:30" }] };
    const missing = await request("PATCH", `/v1/centers/${seeded.remoteTownship}`, {
      as: "cityAdmin",
      body: {
        hours: { ...short, adjustment: { reason: "冬季山区交通", districtApprovalRef: "门政函〔2026〕3号" } },
      },
    });
    const complete = await request("PATCH", `/v1/centers/${seeded.remoteTownship}`, {
      as: "cityAdmin",
      body: {
        hours: {
          ...short,
          adjustment: {
            reason: "冬季山区交通",
            districtApprovalRef: "门政函〔2026〕3号",
            cityFilingRef: "京政服备〔2026〕7号",
          },
        },
      },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string[] }) => e.path.join("."))).toContain(
      "hours.adjustment.cityFilingRef",
    );
    expect(complete.status).toBe(200);
    expect(complete.body.hours.adjustment.cityFilingRef).toBe("京政服备〔2026〕7号");
  });

  it("sets up stations under a subdistrict center only", async () => {
    const station = { name: "测试社区服务站", kind: "community", address: "北京市海淀区测试社区1号楼" };
    const ok = await as("admin").post(`/v1/centers/${seeded.subdistrict}/stations`, station);
    const wrong = await as("admin").post(`/v1/centers/${seeded.haidian}/stations`, station);
    expect(ok.status).toBe(201);
    expect(wrong.status).toBe(400);
    const center = await anonymous.get(`/v1/centers/${seeded.subdistrict}`);
    expect(center.body.stations.map((s: { id: string }) => s.id)).toContain(ok.body.id);
  });
});

describe("windows (art. 13, 15)", () => {
  it("needs a department for a department window and a foreign language for a foreign-language window", async () => {
    const department = await as("admin").post(`/v1/centers/${seeded.haidian}/windows`, {
      code: "Z91",
      type: "department",
    });
    const language = await as("admin").post(`/v1/centers/${seeded.haidian}/windows`, {
      code: "Z92",
      type: "foreignLanguage",
      languages: ["zh"],
    });
    expect(department.status).toBe(422);
    expect(department.body.errors[0].path).toEqual(["departmentId"]);
    expect(language.status).toBe(422);
    expect(language.body.errors[0].path).toEqual(["languages"]);
  });

  it("refuses an unknown item and a duplicate code, naming the field", async () => {
    const unknown = await as("admin").post(`/v1/centers/${seeded.haidian}/windows`, {
      code: "Z93",
      type: "generalAcceptance",
      itemIds: ["itm_01JSEED0000000000000000999"],
    });
    const first = await as("admin").post(`/v1/centers/${seeded.haidian}/windows`, {
      code: "Z94",
      type: "generalAcceptance",
    });
    const again = await as("admin").post(`/v1/centers/${seeded.haidian}/windows`, {
      code: "Z94",
      type: "generalConsultation",
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toEqual(["itemIds", 0]);
    expect(first.status).toBe(201);
    expect(again.status).toBe(409);
    expect(again.body.errors[0].path).toEqual(["code"]);
  });

  it("closes and reopens a window", async () => {
    const window = (
      await as("admin").post(`/v1/centers/${seeded.haidian}/windows`, {
        code: "Z95",
        type: "generalConsultation",
      })
    ).body;
    const closed = await request("PATCH", `/v1/centers/${seeded.haidian}/windows/${window.id}`, {
      as: "admin",
      body: { status: "closed" },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "closed", version: 2 });
  });
});

describe("closures and the working-day calendar", () => {
  it("counts a center's closure out of its working days, and back in when withdrawn", async () => {
    const range = "from=2026-12-07&to=2026-12-11";
    const close = await as("admin").post(`/v1/centers/${seeded.haidian}/closures`, {
      date: "2026-12-09",
      reason: "设备检修",
    });
    const closed = await anonymous.get(`/v1/calendar/workdays?${range}&centerId=${seeded.haidian}`);
    const elsewhere = await anonymous.get(`/v1/calendar/workdays?${range}&centerId=${seeded.subdistrict}`);
    const removed = await request("DELETE", `/v1/centers/${seeded.haidian}/closures/2026-12-09`, {
      as: "admin",
    });
    const reopened = await anonymous.get(`/v1/calendar/workdays?${range}&centerId=${seeded.haidian}`);
    expect(close.status).toBe(201);
    expect(closed.body.workdays).toEqual(["2026-12-07", "2026-12-08", "2026-12-10", "2026-12-11"]);
    expect(elsewhere.body.workdays).toHaveLength(5);
    expect(removed.status).toBe(204);
    expect(reopened.body.workdays).toHaveLength(5);
  });

  it("follows the State Council schedule across Spring Festival 2026", async () => {
    const res = await anonymous.get("/v1/calendar/workdays?from=2026-02-12&to=2026-03-02");
    expect(res.status).toBe(200);
    expect(res.body.workdays).toEqual([
      "2026-02-12",
      "2026-02-13",
      "2026-02-14",
      "2026-02-24",
      "2026-02-25",
      "2026-02-26",
      "2026-02-27",
      "2026-02-28",
      "2026-03-02",
    ]);
  });

  it("answers for a year nobody published on its provisional calendar, and refuses malformed dates (400)", async () => {
    // 2031-01-01 is 元旦 (a Wednesday); January 2031 has 23 weekdays; the Spring Festival starts on 除夕, 2031-01-22
    const provisional = await anonymous.get("/v1/calendar/workdays?from=2031-01-01&to=2031-01-31");
    const malformed = await anonymous.get("/v1/calendar/workdays?from=2026-02-30&to=2026-03-01");
    expect(provisional.status).toBe(200);
    expect(provisional.body).toMatchObject({
      calendar: "provisional",
      years: [{ year: 2031, source: "provisional" }],
    });
    expect(provisional.body.workdays).not.toContain("2031-01-01");
    expect(provisional.body.workdays).not.toContain("2031-01-22");
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toEqual(["query", "from"]);
  });
});
