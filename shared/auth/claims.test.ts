import { describe, expect, it } from "vitest";
import { identityClaimsSchema, type IdentityClaimsInput } from "./claims.ts";
import { claimsFor } from "./identity-fields.ts";
import { principalFromClaims } from "./principal.ts";

/**
 * Issue 23, point 2: which claims name the principal is configuration. The mapping below is an external provider's
 * as the China regions' unified identity platform might be configured: roles listed in its own words under a nested
 * claim, the scope under `org`, organisations under a namespaced claim whose name holds dots.
 */
const CENTER = "ctr_01ARZ3NDEKTSV4RRFFQ69G5FAV";
const DEPARTMENT = "dep_01ARZ3NDEKTSV4RRFFQ69G5FAV";
const WANG = { idNumber: "11010519491231002X", name: "王小二" };
const COMPANY = "91330100799655058B";

const external: IdentityClaimsInput = {
  role: "realm_access.roles",
  roleValues: { 窗口人员: "clerk", 审批人员: "approver", 中心管理员: "admin", 申请人: "applicant" },
  centerId: "org.center",
  departmentId: "org.department",
  verifiedIdNumber: "id_card.number",
  verifiedName: "id_card.name",
  organisations: ["https://idp.example/organisations"],
};
const mapping = identityClaimsSchema.parse(external);

describe("the identity claims mapping (IDENTITY_CLAIMS)", () => {
  it("reads role, scope and verified identity where the provider puts them", () => {
    const clerk = {
      sub: "u1",
      realm_access: { roles: ["offline_access", "窗口人员"] },
      org: { center: CENTER },
    };
    const applicant = {
      sub: "u2",
      realm_access: { roles: ["申请人"] },
      id_card: { number: WANG.idNumber, name: WANG.name },
      "https://idp.example/organisations": [COMPANY],
    };
    expect(principalFromClaims(clerk, mapping)).toEqual({ sub: "u1", role: "clerk", centerId: CENTER });
    expect(principalFromClaims(applicant, mapping)).toEqual({
      sub: "u2",
      role: "applicant",
      verifiedIdentity: WANG,
      organisations: [COMPANY],
    });
  });

  it("takes a single role value as well as a list", () => {
    const claims = {
      sub: "u1",
      realm_access: { roles: "审批人员" },
      org: { center: CENTER, department: DEPARTMENT },
    };
    expect(principalFromClaims(claims, mapping)).toMatchObject({
      role: "approver",
      departmentId: DEPARTMENT,
    });
  });

  it("names no principal for a role the provider's values do not map, nor for two different roles", () => {
    const staff = (roles: unknown) => ({ sub: "u1", realm_access: { roles }, org: { center: CENTER } });
    expect(principalFromClaims(staff(["offline_access"]), mapping)).toBeUndefined();
    // The system's own name is not the provider's value: only roleValues translate
    expect(principalFromClaims(staff(["clerk"]), mapping)).toBeUndefined();
    expect(principalFromClaims(staff(["窗口人员", "中心管理员"]), mapping)).toBeUndefined();
    expect(principalFromClaims(staff([{ name: "窗口人员" }]), mapping)).toBeUndefined();
    expect(principalFromClaims(staff("__proto__"), mapping)).toBeUndefined();
    // The same role twice is one role
    expect(principalFromClaims(staff(["窗口人员", "窗口人员"]), mapping)).toMatchObject({ role: "clerk" });
  });

  it("never reads a field the provider does not assert (null), even from a claim of that name", () => {
    const noDepartments = identityClaimsSchema.parse({ ...external, departmentId: null });
    const claims = {
      sub: "u1",
      realm_access: { roles: ["审批人员"] },
      org: { center: CENTER },
      departmentId: DEPARTMENT,
      "custom:departmentId": DEPARTMENT,
    };
    expect(principalFromClaims(claims, noDepartments)).toEqual({
      sub: "u1",
      role: "approver",
      centerId: CENTER,
    });
  });

  it("reads a field it does not name as without a mapping: the plain claim or Cognito's custom: one", () => {
    const rolesOnly = identityClaimsSchema.parse({ role: "roles" });
    expect(
      principalFromClaims({ sub: "u1", roles: ["clerk"], "custom:centerId": CENTER }, rolesOnly),
    ).toEqual({
      sub: "u1",
      role: "clerk",
      centerId: CENTER,
    });
    expect(principalFromClaims({ sub: "u1", roles: ["clerk", "admin"], centerId: CENTER }, rolesOnly)).toBe(
      undefined,
    );
  });

  it("without a mapping reads tokens exactly as before: one role value, plain or custom:", () => {
    expect(principalFromClaims({ sub: "u1", "custom:role": "clerk", centerId: CENTER })).toMatchObject({
      role: "clerk",
    });
    expect(principalFromClaims({ sub: "u1", role: ["clerk"], centerId: CENTER })).toBeUndefined();
  });

  it("does not walk a path into inherited properties or through lists", () => {
    const byConstructor = identityClaimsSchema.parse({ role: "realm_access.constructor" });
    expect(
      principalFromClaims({ sub: "u1", realm_access: {}, centerId: CENTER }, byConstructor),
    ).toBeUndefined();
    expect(
      principalFromClaims(
        { sub: "u1", realm_access: { roles: ["窗口人员"] }, org: [{ center: CENTER }] },
        mapping,
      ),
    ).toBeUndefined();
  });

  it("is what the local issuer writes: claimsFor is read back as the same principal", () => {
    const claims = claimsFor(
      { sub: "u1", role: "approver", centerId: CENTER, departmentId: DEPARTMENT },
      mapping,
      ["offline_access"],
    );
    expect(claims).toEqual({
      sub: "u1",
      realm_access: { roles: ["offline_access", "审批人员"] },
      org: { center: CENTER, department: DEPARTMENT },
    });
    expect(principalFromClaims(claims, mapping)).toEqual({
      sub: "u1",
      role: "approver",
      centerId: CENTER,
      departmentId: DEPARTMENT,
    });
    expect(() => claimsFor({ role: "supervisor" }, mapping)).toThrow(/no value for supervisor/);
  });

  it("refuses a mapping that cannot be meant: unknown fields, roles the system lacks, empty paths", () => {
    const issues = (input: unknown) =>
      identityClaimsSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.code}`);
    expect(issues({ centreId: "org.center" })).toEqual([": unrecognized_keys"]);
    expect(issues({ roleValues: { 窗口人员: "window" } })).toEqual(["roleValues.窗口人员: invalid_value"]);
    expect(issues({ roleValues: {} })).toEqual(["roleValues: custom"]);
    expect(issues({ centerId: "org..center" })).toHaveLength(1);
    expect(issues({ role: null })).toHaveLength(1);
    expect(issues({ organisations: [] })).toHaveLength(1);
    expect(issues({})).toBeUndefined();
  });
});
