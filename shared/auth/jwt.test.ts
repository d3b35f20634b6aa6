import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { UnauthenticatedError } from "../errors.ts";
import type * as Jwt from "./jwt.ts";

/**
 * Bearer verification with a key of the test's own (the variables jwtConfig reads on first use): what a token must
 * carry to be let in.
 */
let sign: (claims: Record<string, unknown>, expires?: boolean, audience?: string) => Promise<string>;
let verifyBearer: typeof Jwt.verifyBearer;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  process.env.JWT_ISSUER = "test-issuer";
  // Two clients, as in AWS: the SPA's and the staff console's.
  process.env.JWT_AUDIENCE = "test-audience,console-client";
  process.env.JWKS_JSON = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256" }],
  });
  delete process.env.JWKS_URL;
  sign = async (claims, expires = true, audience = "test-audience") => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: "k1" })
      .setIssuer("test-issuer")
      .setAudience(audience)
      .setIssuedAt();
    return (expires ? jwt.setExpirationTime("1h") : jwt).sign(privateKey);
  };
  ({ verifyBearer } = await import("./jwt.ts"));
});

const clerk = { sub: "usr_1", role: "clerk", centerId: "ctr_01JSEED0000000000000000100" };
const refusal = async (authorization: string) => {
  try {
    await verifyBearer(authorization);
    return undefined;
  } catch (error) {
    return error instanceof UnauthenticatedError ? error.message : error;
  }
};

describe("bearer tokens", () => {
  it("take the scheme in any case (RFC 9110 §11.1)", async () => {
    const token = await sign(clerk);
    expect(await verifyBearer(`Bearer ${token}`)).toMatchObject({ role: "clerk" });
    expect(await verifyBearer(`bearer ${token}`)).toMatchObject({ role: "clerk" });
    expect(await verifyBearer(`BEARER ${token}`)).toMatchObject({ role: "clerk" });
  });

  it("take the ID token of any listed client, and of no other", async () => {
    expect(await verifyBearer(`Bearer ${await sign(clerk, true, "console-client")}`)).toMatchObject({
      role: "clerk",
    });
    expect(await refusal(`Bearer ${await sign(clerk, true, "another-client")}`)).toBe(
      "The token is not valid.",
    );
  });

  it("refuse a token without an expiry: it would be good forever", async () => {
    expect(await refusal(`Bearer ${await sign(clerk, false)}`)).toBe("The token has no expiry.");
  });

  it("refuse scope claims that are not well-formed ids", async () => {
    for (const centerId of ["ctr_01JSEED0000000000000000100#x", "dep_01JSEED0000000000000000100", "ctr_x"]) {
      expect(await refusal(`Bearer ${await sign({ ...clerk, centerId })}`), centerId).toBe(
        "The token does not carry a valid role and scope.",
      );
    }
    expect(
      await refusal(`Bearer ${await sign({ ...clerk, departmentId: "ctr_01JSEED0000000000000000100" })}`),
    ).toBe("The token does not carry a valid role and scope.");
  });
});
