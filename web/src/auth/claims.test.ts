import { describe, expect, it } from "vitest";
import {
  applicantPrincipalFromClaims,
  applicantSignedInFromIdToken,
  backPath,
  decodeJwtPayload,
  signedInFromIdToken,
  staffPrincipalFromClaims,
} from "./claims.ts";

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

  it("falls back to the email, then the user name, for the label", () => {
    const base = { sub: "u1", exp: 1_900_000_000, "custom:role": "admin", "custom:centerId": CENTER };
    expect(signedInFromIdToken(token({ ...base, email: "a@example.gov.cn" }))?.label).toBe(
      "a@example.gov.cn",
    );
    expect(signedInFromIdToken(token({ ...base, "cognito:username": "admin1" }))?.label).toBe("admin1");
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
    "custom:organisations": "91330100799655058B,91110108MA01ABCD2X",
    exp: 2_000_000_000,
  };

  it("names the verified identity and the organisations the account acts for", () => {
    expect(applicantPrincipalFromClaims(claims)).toEqual({
      sub: "a1",
      role: "applicant",
      verifiedIdentity: { idNumber: "11010519491231002X", name: "王小明" },
      organisations: ["91330100799655058B", "91110108MA01ABCD2X"],
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
