import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from "jose";
import { describe, expect, it } from "vitest";
import { identityClaimsSchema } from "#shared/auth/claims.ts";
import { principalFromClaims, type Principal } from "#shared/auth/principal.ts";
import { clock } from "#shared/clock.ts";
import { createLocalAuth, LOCAL_AUDIENCE } from "./auth.ts";

/**
 * The local runtime's tokens (issue 23, point 2): as an OIDC provider it signs RS256 under a claim mapping, and what it
 * signs is read back as the same principal by the API's own reading (shared/auth/principal.ts).
 */
const ISSUER = "http://127.0.0.1:3000/_local/oidc";
const approver: Principal = {
  sub: "usr_1",
  role: "approver",
  centerId: "ctr_01JSEED0000000000000000100",
  departmentId: "dep_01JSEED0000000000000000100",
};
const applicant: Principal = {
  sub: "usr_2",
  role: "applicant",
  verifiedIdentity: { idNumber: "11010519491231002X", name: "王小明" },
  organisations: ["91330100799655058B"],
};

/** Verify a token with the provider's published keys and read it with the functions' mapping. */
async function readBack(auth: Awaited<ReturnType<typeof createLocalAuth>>, token: string) {
  const { payload, protectedHeader } = await jwtVerify(
    token,
    createLocalJWKSet(auth.issuer!.jwks as JSONWebKeySet),
    { issuer: ISSUER, audience: LOCAL_AUDIENCE, currentDate: clock.now() },
  );
  const mapping = identityClaimsSchema.parse(JSON.parse(auth.env.IDENTITY_CLAIMS!));
  return { alg: protectedHeader.alg, principal: principalFromClaims(payload, mapping) };
}

describe("the local runtime as an OIDC provider", () => {
  it("signs RS256 tokens the functions read back as the same principal, and says where its keys are", async () => {
    // Arrange
    const auth = await createLocalAuth({ identity: "oidc", issuerUrl: `${ISSUER}/` });
    // Act
    const staff = await readBack(auth, (await auth.mint(approver, 60)).token);
    const person = await readBack(auth, (await auth.mint(applicant, 60)).token);
    // Assert
    expect(staff).toEqual({ alg: "RS256", principal: approver });
    expect(person.principal).toEqual(applicant);
    expect(auth.env).toMatchObject({
      JWT_ISSUER: ISSUER,
      JWKS_URL: `${ISSUER}/.well-known/jwks.json`,
      JWT_ALGORITHMS: "RS256",
    });
    expect(auth.env).not.toHaveProperty("JWKS_JSON");
  });

  it("places claims by the IDENTITY_CLAIMS it is given, the subject too", async () => {
    // Arrange
    const identityClaims = JSON.stringify({
      sub: "user_id",
      role: "roles",
      roleValues: { 审批: "approver" },
      centerId: ["https://idp.example/center"],
    });
    const auth = await createLocalAuth({ identity: "oidc", issuerUrl: ISSUER, identityClaims });
    // Act
    const { token } = await auth.mint(approver, 60);
    // Assert
    expect(decodeJwt(token)).toMatchObject({
      sub: "usr_1",
      user_id: "usr_1",
      roles: expect.arrayContaining(["审批"]),
      "https://idp.example/center": approver.centerId,
    });
    expect((await readBack(auth, token)).principal).toEqual(approver);
    await expect(auth.mint({ ...approver, role: "admin" }, 60)).rejects.toThrow(/no value for admin/);
  });

  it("refuses to start with a mapping the functions would refuse, with their message", async () => {
    await expect(
      createLocalAuth({ identity: "oidc", issuerUrl: ISSUER, identityClaims: '{"centreId":"org.center"}' }),
    ).rejects.toThrow(/Invalid environment: IDENTITY_CLAIMS: Unrecognized key/);
  });

  it("by default keeps the plain claims and ES256 key of before, with no mapping", async () => {
    const auth = await createLocalAuth();
    const { token } = await auth.mint(applicant, 60);
    expect(decodeJwt(token)).toMatchObject({ role: "applicant", organisations: "91330100799655058B" });
    expect(auth.env).not.toHaveProperty("IDENTITY_CLAIMS");
    expect(auth.issuer).toBeUndefined();
    expect(JSON.parse(auth.env.JWKS_JSON!).keys[0]).toMatchObject({ alg: "ES256" });
  });
});
