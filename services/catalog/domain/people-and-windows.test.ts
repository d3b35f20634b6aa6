import { describe, expect, it } from "vitest";
import { RuleViolationError, ValidationError } from "#shared/errors.ts";
import { checkChiefRepresentative, type Department } from "./department.ts";
import { checkStaffShape, maskedStaff, staffCard, type StaffMember } from "./staff.ts";
import { checkWindow } from "./window.ts";

const department: Department = {
  id: "dep_1",
  centerId: "ctr_hd",
  name: "海淀区市场监督管理局",
  stationedOn: "2024-01-01",
  version: 1,
};
const rep = { centerId: "ctr_hd", departmentId: "dep_1", role: "chiefRep", employmentType: "civilServant" };
const districtCenter = { level: "district", kind: "comprehensive" };

describe("chief representatives (art. 44)", () => {
  it("are permanent members of the department stationed in a city or district comprehensive center", () => {
    expect(() => checkChiefRepresentative(districtCenter, department, rep)).not.toThrow();
    expect(() =>
      checkChiefRepresentative(districtCenter, department, { ...rep, employmentType: "contract" }),
    ).toThrow(RuleViolationError);
    expect(() =>
      checkChiefRepresentative(districtCenter, department, { ...rep, departmentId: "dep_2" }),
    ).toThrow(RuleViolationError);
    expect(() =>
      checkChiefRepresentative({ level: "subdistrict", kind: "comprehensive" }, department, rep),
    ).toThrow(/city and district/);
  });
});

describe("windows (art. 13, 15)", () => {
  it("need a department for department windows and a foreign language for foreign-language windows", () => {
    expect(() => checkWindow({ type: "department", languages: ["zh"] })).toThrow(RuleViolationError);
    expect(() => checkWindow({ type: "foreignLanguage", languages: ["zh"] })).toThrow(RuleViolationError);
    expect(() => checkWindow({ type: "foreignLanguage", languages: ["zh", "en"] })).not.toThrow();
  });
});

describe("staff", () => {
  const member: StaffMember = {
    id: "stf_1",
    name: "李明",
    role: "clerk",
    centerId: "ctr_hd",
    duty: "综合受理",
    employmentType: "contract",
    stationedOn: "2026-01-01",
    keyPost: false,
    head: false,
    idNumber: "11010519491231002X",
    phone: "13812345678",
    training: [],
    version: 1,
    updatedAt: "",
  };

  it("requires a department for approvers and chief representatives", () => {
    expect(() => checkStaffShape({ role: "approver" })).toThrow(ValidationError);
    expect(() => checkStaffShape({ role: "clerk" })).not.toThrow();
    // 行政许可法 art. 42: the head who approves extensions is one of the department's approvers or its chief representative.
    expect(() => checkStaffShape({ role: "clerk", head: true })).toThrow(ValidationError);
    expect(() => checkStaffShape({ role: "chiefRep", departmentId: "dep_market", head: true })).not.toThrow();
  });

  it("shows no personal data on the public card and masks it in lists (DOMAIN.md)", () => {
    expect(JSON.stringify(staffCard(member, { code: "A01" }))).not.toMatch(/1381234|11010519/);
    expect(staffCard(member, { code: "A01" }).window).toBe("A01");
    expect(maskedStaff(member)).toMatchObject({ phone: "138****5678", idNumber: "110105********002X" });
  });
});
