import { describe, expect, it } from "vitest";
import {
  applicantPrincipalFromClaims,
  applicantSignedInFromIdToken,
  backPath,
  decodeJwtPayload,
  signedInFromIdToken,
  staffPrincipalFromClaims,
} from "./claims.ts";
import { parseIdentityClaims } from "./claim-mapping.ts";
import { sampleStandardConfig } from "./sample-config.ts";

/** An unsigned JWT with these claims: the console reads tokens, the API verifies them. */
const token = (claims: Record<string, unknown>) =>
  ["e30", Buffer.from(JSON.stringify(claims)).toString("base64url"), "sig"].join(".");

const CENTER = "ctr_01JSEED0000000000000000100";
const DEPARTMENT = "dep_01JSEED0000000000000000200";

describe("the principal an ID token names", () => {
  it("reads Cognito's custom attributes as the API does", () => {
    const claims = {
      sub: "u1",
      "custom:role": "approver",
      "custom:centerId": CENTER,
      "custom:departmentId": DEPARTMENT,
    };
    expect(staffPrincipalFromClaims(claims)).toEqual({
      sub: "u1",
      role: "approver",
      centerId: CENTER,
      departmentId: DEPARTMENT,
    });
  });

  it("reads the local runtime's plain claims the same way", () => {
    expect(staffPrincipalFromClaims({ sub: "u2", role: "clerk", centerId: CENTER })).toEqual({
      sub: "u2",
      role: "clerk",
      centerId: CENTER,
    });
  });

  it.each([
    ["an applicant (the portal is theirs, not the console)", { sub: "u3", role: "applicant" }],
    ["staff without a center, whom the API refuses", { sub: "u4", "custom:role": "clerk" }],
    ["an unknown role", { sub: "u5", "custom:role": "root", "custom:centerId": CENTER }],
    ["no subject", { "custom:role": "clerk", "custom:centerId": CENTER }],
    ["a center that is not a center id", { sub: "u6", "custom:role": "clerk", "custom:centerId": "东城区" }],
    [
      "a department id in the center's place",
      { sub: "u7", "custom:role": "clerk", "custom:centerId": DEPARTMENT },
    ],
    [
      "a malformed department, which the API refuses",
      { sub: "u8", "custom:role": "approver", "custom:centerId": CENTER, "custom:departmentId": "x" },
    ],
  ])("names nobody for %s", (_, claims) => {
    expect(staffPrincipalFromClaims(claims)).toBeUndefined();
  });
});

describe("the session an ID token opens", () => {
  it("keeps the token, its expiry, the principal and the person's name (in Chinese, as Cognito encodes it)", () => {
    const idToken = token({
      sub: "u1",
      name: "王芳",
      email: "wang@example.gov.cn",
      exp: 1_900_000_000,
      "custom:role": "clerk",
      "custom:centerId": CENTER,
    });
    expect(signedInFromIdToken(idToken)).toEqual({
      token: idToken,
      expiresAt: new Date(1_900_000_000_000).toISOString(),
      principal: { sub: "u1", role: "clerk", centerId: CENTER },
      label: "王芳",
    });
  });

  it("falls back to the email, then the user name (Cognito's or the standard one), then the subject, for the label", () => {
    const base = { sub: "u1", exp: 1_900_000_000, "custom:role": "admin", "custom:centerId": CENTER };
    expect(signedInFromIdToken(token({ ...base, email: "a@example.gov.cn" }))?.label).toBe(
      "a@example.gov.cn",
    );
    expect(signedInFromIdToken(token({ ...base, "cognito:username": "admin1" }))?.label).toBe("admin1");
    expect(signedInFromIdToken(token({ ...base, preferred_username: "lina" }))?.label).toBe("lina");
    expect(signedInFromIdToken(token(base))?.label).toBe("u1");
  });

  it("opens none for a token without an expiry, or that is not a JWT", () => {
    expect(
      signedInFromIdToken(token({ sub: "u1", "custom:role": "clerk", "custom:centerId": CENTER })),
    ).toBeUndefined();
    expect(signedInFromIdToken("not-a-jwt")).toBeUndefined();
    expect(decodeJwtPayload("a.!!!.c")).toBeUndefined();
  });
});

describe("where sign-in goes back to", () => {
  it("is the console path the user asked for", () => {
    expect(backPath({ back: "/applications/app_01J?state=submitted" })).toBe(
      "/applications/app_01J?state=submitted",
    );
  });

  it.each([undefined, null, {}, { back: "https://elsewhere.example/" }, { back: "//elsewhere.example/" }])(
    "is the home page for %j",
    (state) => {
      expect(backPath(state)).toBe("/");
    },
  );
});

describe("an applicant's ID token, in the portal (issue 19)", () => {
  const claims = {
    sub: "a1",
    "custom:role": "applicant",
    "custom:verifiedIdNumber": "11010519491231002X",
    "custom:verifiedName": "王小明",
    "custom:organisations": "91330100799655058B,9144030071526726XG",
    exp: 2_000_000_000,
  };

  it("names the verified identity and the organisations the account acts for", () => {
    expect(applicantPrincipalFromClaims(claims)).toEqual({
      sub: "a1",
      role: "applicant",
      verifiedIdentity: { idNumber: "11010519491231002X", name: "王小明" },
      organisations: ["91330100799655058B", "9144030071526726XG"],
    });
  });

  it("opens a portal session named by the verified name, and none for staff", () => {
    expect(applicantSignedInFromIdToken(token(claims))).toMatchObject({
      label: "王小明",
      expiresAt: new Date(2_000_000_000_000).toISOString(),
    });
    expect(applicantSignedInFromIdToken(token({ ...claims, "custom:role": "clerk" }))).toBeUndefined();
    // …and the console opens none for an applicant
    expect(signedInFromIdToken(token(claims))).toBeUndefined();
  });

  it("is an applicant without a verified identity when verification has not happened yet", () => {
    expect(applicantPrincipalFromClaims({ sub: "a2", role: "applicant" })).toEqual({
      sub: "a2",
      role: "applicant",
    });
  });
});

describe("a token the API refuses, which opens no portal session either", () => {
  it.each([
    [
      "an organisation that is no credit code",
      { "custom:organisations": "91330100799655058B,91110108MA01ABCD2X" },
    ],
    ["a verified ID number that is no resident ID", { "custom:verifiedIdNumber": "110105194912310021" }],
    ["a verified ID number without the name", { "custom:verifiedName": undefined }],
    ["a center that is not a center id", { "custom:centerId": "东城区" }],
  ])("%s", (_, change) => {
    const claims = {
      sub: "a1",
      "custom:role": "applicant",
      "custom:verifiedIdNumber": "11010519491231002X",
      "custom:verifiedName": "王小明",
      ...change,
    };
    expect(applicantPrincipalFromClaims(claims)).toBeUndefined();
  });
});

/** The city's unified identity platform's tokens (issue 23), under sample-config.ts's mapping. */
describe("an external provider's ID token, read through config.json's claim mapping", () => {
  const mapping = parseIdentityClaims(sampleStandardConfig.oidc.claims);
  const staff = {
    sub: "p-1001",
    name: "李娜",
    exp: 1_900_000_000,
    realm_access: { roles: ["offline_access", "审批人员", "default-roles-gov"] },
    org: { center: CENTER, department: DEPARTMENT },
  };

  it("reads role, center and department at their nested paths, the provider's role word mapped to the system's", () => {
    expect(staffPrincipalFromClaims(staff, mapping)).toEqual({
      sub: "p-1001",
      role: "approver",
      centerId: CENTER,
      departmentId: DEPARTMENT,
    });
    expect(signedInFromIdToken(token(staff), mapping)).toMatchObject({
      principal: { role: "approver", centerId: CENTER },
      label: "李娜",
    });
  });

  it("takes a role given as one value as well as a list", () => {
    const one = { ...staff, realm_access: { roles: "窗口人员" } };
    expect(staffPrincipalFromClaims(one, mapping)?.role).toBe("clerk");
  });

  it.each([
    ["two different roles (which one would depend on the provider's order)", ["窗口人员", "审批人员"]],
    ["no value the mapping knows", ["offline_access"]],
    ["a system role's own name, which this provider does not use", ["approver"]],
    ["no list at all", { approver: true }],
  ])("names nobody for %s", (_, roles) => {
    expect(staffPrincipalFromClaims({ ...staff, realm_access: { roles } }, mapping)).toBeUndefined();
  });

  it("reads no claim outside the mapping's paths for the fields it maps — a plain or custom: claim is ignored", () => {
    const spoofed = { ...staff, org: {}, centerId: CENTER, "custom:centerId": CENTER };
    expect(staffPrincipalFromClaims(spoofed, mapping)).toBeUndefined();
  });

  it("reads an applicant's verified identity and organisations (a list, or comma-separated)", () => {
    const applicant = {
      sub: "p-2002",
      exp: 1_900_000_000,
      realm_access: { roles: ["申请人"] },
      idcard: "11010519491231002X",
      realname: "王小明",
      org: { creditCodes: ["91330100799655058B", "9144030071526726XG"] },
    };
    const principal = {
      sub: "p-2002",
      role: "applicant",
      verifiedIdentity: { idNumber: "11010519491231002X", name: "王小明" },
      organisations: ["91330100799655058B", "9144030071526726XG"],
    };
    expect(applicantPrincipalFromClaims(applicant, mapping)).toEqual(principal);
    const commaSeparated = { ...applicant, org: { creditCodes: "91330100799655058B,9144030071526726XG" } };
    expect(applicantPrincipalFromClaims(commaSeparated, mapping)).toEqual(principal);
    expect(applicantSignedInFromIdToken(token(applicant), mapping)?.label).toBe("王小明");
    expect(signedInFromIdToken(token(applicant), mapping)).toBeUndefined();
  });

  it("reads a field the mapping does not name as without one, and never one it says the provider does not carry", () => {
    const partial = parseIdentityClaims(
      JSON.stringify({ sub: "uid", role: ["https://idp.example/roles"], departmentId: null }),
    );
    const claims = {
      uid: "p-3003",
      sub: "someone-else",
      "https://idp.example/roles": "admin",
      "custom:centerId": CENTER,
      departmentId: DEPARTMENT,
    };
    expect(staffPrincipalFromClaims(claims, partial)).toEqual({
      sub: "p-3003",
      role: "admin",
      centerId: CENTER,
    });
  });
});
