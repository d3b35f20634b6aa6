import { describe, expect, it } from "vitest";
import { identityClaimsSchema } from "../../../shared/auth/claims.ts";
import { principalFromClaims as apiPrincipal } from "../../../shared/auth/principal.ts";
import { parseIdentityClaims } from "./claim-mapping.ts";
import { principalFromClaims as sitePrincipal } from "./claims.ts";
import { sampleStandardConfig } from "./sample-config.ts";

/**
 * The sites read tokens without zod (claim-mapping.ts), the API with shared/auth/claims.ts and principal.ts: the same
 * tokens under the same mappings must name the same principal in both, or nobody in both (issue 23). A session the
 * API refuses would loop through sign-in; one it accepts but the site refuses would lock the user out.
 */
const CENTER = "ctr_01JSEED0000000000000000100";
const DEPARTMENT = "dep_01JSEED0000000000000000200";
const ID = "11010519491231002X";
const ORGS = ["91330100799655058B", "9144030071526726XG"];

const MAPPINGS: Record<string, string | undefined> = {
  "none (Cognito, the local runtime)": undefined,
  "the city's platform (sample-config.ts)": sampleStandardConfig.oidc.claims,
  "names with dots, fields not carried, system role names": JSON.stringify({
    sub: "uid",
    role: ["https://idp.example/roles"],
    departmentId: null,
    organisations: null,
  }),
};

const TOKENS: Record<string, Record<string, unknown>> = {
  "Cognito staff": {
    sub: "u1",
    "custom:role": "approver",
    "custom:centerId": CENTER,
    "custom:departmentId": DEPARTMENT,
  },
  "local staff": { sub: "u2", role: "clerk", centerId: CENTER },
  "Cognito applicant": {
    sub: "a1",
    "custom:role": "applicant",
    "custom:verifiedIdNumber": ID,
    "custom:verifiedName": "王小明",
    "custom:organisations": ORGS.join(","),
  },
  "applicant with an empty organisations attribute": { sub: "a1", role: "applicant", organisations: "" },
  "applicant with a malformed organisation": {
    sub: "a1",
    role: "applicant",
    organisations: "91110108MA01ABCD2X",
  },
  "applicant with 21 organisations": { sub: "a1", role: "applicant", organisations: Array(21).fill(ORGS[0]) },
  "applicant with an ID number and no name": { sub: "a1", role: "applicant", verifiedIdNumber: ID },
  "applicant with a 51-character name": {
    sub: "a1",
    role: "applicant",
    verifiedIdNumber: ID,
    verifiedName: "王".repeat(51),
  },
  "applicant with a center": { sub: "a1", role: "applicant", centerId: CENTER },
  "staff with a verified identity (ignored)": {
    sub: "u3",
    role: "admin",
    centerId: CENTER,
    verifiedIdNumber: "x",
    organisations: 5,
  },
  "staff without a center": { sub: "u4", "custom:role": "clerk" },
  "a malformed department": { sub: "u5", role: "approver", centerId: CENTER, departmentId: "x" },
  "a null department": { sub: "u5", role: "approver", centerId: CENTER, departmentId: null },
  "an empty subject": { sub: "", role: "clerk", centerId: CENTER },
  "platform staff": {
    sub: "p-1",
    realm_access: { roles: ["offline_access", "审批人员"] },
    org: { center: CENTER, department: DEPARTMENT },
  },
  "platform staff with one role value": {
    sub: "p-1",
    realm_access: { roles: "窗口人员" },
    org: { center: CENTER },
  },
  "platform staff with two roles": {
    sub: "p-1",
    realm_access: { roles: ["窗口人员", "审批人员"] },
    org: { center: CENTER },
  },
  "platform staff whose center is a plain claim": {
    sub: "p-1",
    realm_access: { roles: ["窗口人员"] },
    centerId: CENTER,
  },
  "platform staff with a null center": {
    sub: "p-1",
    realm_access: { roles: ["窗口人员"] },
    org: { center: null },
  },
  "platform applicant": {
    sub: "p-2",
    realm_access: { roles: ["申请人"] },
    idcard: ID,
    realname: "王小明",
    org: { creditCodes: ORGS },
  },
  "platform applicant, organisations comma-separated": {
    sub: "p-2",
    realm_access: { roles: ["申请人"] },
    org: { creditCodes: ORGS.join(",") },
  },
  "a dotted claim name": {
    uid: "p-3",
    sub: "other",
    "https://idp.example/roles": ["admin", "x"],
    centerId: CENTER,
  },
  "a dotted claim name with two system roles": {
    uid: "p-3",
    "https://idp.example/roles": ["admin", "clerk"],
    centerId: CENTER,
  },
};

describe("the sites and the API read a token alike", () => {
  for (const [mappingName, json] of Object.entries(MAPPINGS)) {
    const apiMapping = json === undefined ? undefined : identityClaimsSchema.parse(JSON.parse(json));
    const siteMapping = parseIdentityClaims(json);
    it.each(Object.entries(TOKENS))(`under ${mappingName}: %s`, (_, claims) => {
      expect(sitePrincipal(claims, siteMapping)).toEqual(apiPrincipal(claims, apiMapping));
    });
  }

  it("names someone in enough of these cases for the comparison to mean something", () => {
    const named = Object.entries(MAPPINGS).flatMap(([, json]) =>
      Object.values(TOKENS).filter((claims) => sitePrincipal(claims, parseIdentityClaims(json))),
    );
    expect(named.length).toBeGreaterThanOrEqual(10);
  });
});

describe("the sites and the API accept the same mappings", () => {
  it.each([
    [sampleStandardConfig.oidc.claims!],
    [JSON.stringify({ sub: ["a.b"], role: "x", roleValues: { x: "clerk" }, centerId: null })],
    [JSON.stringify({ centreId: "org.center" })],
    [JSON.stringify({ centerId: "org..center" })],
    [JSON.stringify({ centerId: "" })],
    [JSON.stringify({ centerId: [] })],
    [JSON.stringify({ centerId: ["a", ""] })],
    [JSON.stringify({ sub: null })],
    [JSON.stringify({ role: null })],
    [JSON.stringify({ roleValues: { 管理员: "root" } })],
    [JSON.stringify({ roleValues: {} })],
    [JSON.stringify({ roleValues: { "": "clerk" } })],
    [JSON.stringify([])],
  ])("%s", (json) => {
    const api = identityClaimsSchema.safeParse(JSON.parse(json));
    let site: ReturnType<typeof parseIdentityClaims>;
    let refused = false;
    try {
      site = parseIdentityClaims(json);
    } catch {
      refused = true;
    }
    expect(refused).toBe(!api.success);
    if (api.success) expect(site).toEqual(api.data);
  });
});
