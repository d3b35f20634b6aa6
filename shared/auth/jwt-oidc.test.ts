import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { UnauthenticatedError } from "../errors.ts";
import type * as Jwt from "./jwt.ts";

/**
 * Bearer verification configured for an external OpenID Connect provider (issue 23, point 2): RS256 only
 * (JWT_ALGORITHMS), the principal read under the provider's claim mapping (IDENTITY_CLAIMS). The key set holds an
 * ES256 key too, so what refuses an ES256 token below is the algorithm list, not a missing key.
 */
const CENTER = "ctr_01JSEED0000000000000000100";
type Key = { privateKey: CryptoKey | KeyObject; jwk: JWK };
let rsa: Key;
let ec: Key;
let verifyBearer: typeof Jwt.verifyBearer;

beforeAll(async () => {
  // No `alg` on the keys, as some providers publish them: nothing but JWT_ALGORITHMS names the algorithm. The RSA key
  // is Node's (a Web Crypto key is bound to one algorithm): it signs RS256 and PS256 alike.
  const rsaPair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const ecPair = await generateKeyPair("ES256");
  rsa = { privateKey: rsaPair.privateKey, jwk: { ...(await exportJWK(rsaPair.publicKey)), kid: "rsa" } };
  ec = { privateKey: ecPair.privateKey, jwk: { ...(await exportJWK(ecPair.publicKey)), kid: "ec" } };
  Object.assign(process.env, {
    JWT_ISSUER: "https://idp.example/realms/beijing",
    JWT_AUDIENCE: "console",
    JWKS_JSON: JSON.stringify({ keys: [rsa.jwk, ec.jwk] }),
    JWT_ALGORITHMS: "RS256",
    IDENTITY_CLAIMS: JSON.stringify({
      role: "realm_access.roles",
      roleValues: { 窗口人员: "clerk", 中心管理员: "admin" },
      centerId: "org.center",
    }),
  });
  delete process.env.JWKS_URL;
  ({ verifyBearer } = await import("./jwt.ts"));
});

const sign = (
  claims: Record<string, unknown>,
  { alg = "RS256", key = rsa }: { alg?: string; key?: Key } = {},
) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg, kid: key.jwk.kid })
    .setSubject("usr_1")
    .setIssuer("https://idp.example/realms/beijing")
    .setAudience("console")
    .setExpirationTime("1h")
    .sign(key.privateKey);

const clerk = { realm_access: { roles: ["offline_access", "窗口人员"] }, org: { center: CENTER } };
const refusal = (authorization: string) =>
  verifyBearer(authorization).then(
    () => undefined,
    (error: unknown) => (error instanceof UnauthenticatedError ? error.message : error),
  );

describe("tokens of an external RS256 provider", () => {
  it("name the principal through the claim mapping", async () => {
    expect(await verifyBearer(`Bearer ${await sign(clerk)}`)).toEqual({
      sub: "usr_1",
      role: "clerk",
      centerId: CENTER,
    });
  });

  it("are refused when signed with an algorithm the list does not allow, though the key set has its key", async () => {
    expect(await refusal(`Bearer ${await sign(clerk, { alg: "ES256", key: ec })}`)).toBe(
      "The token is not valid.",
    );
    // RSA-PSS with the provider's own RSA key: the key is right, the algorithm is not RS256
    expect(await refusal(`Bearer ${await sign(clerk, { alg: "PS256" })}`)).toBe("The token is not valid.");
  });

  it("name no principal when the roles map to none, or to two", async () => {
    for (const roles of [["offline_access"], ["clerk"], ["窗口人员", "中心管理员"]]) {
      expect(await refusal(`Bearer ${await sign({ ...clerk, realm_access: { roles } })}`), roles.join()).toBe(
        "The token does not carry a valid role and scope.",
      );
    }
  });

  it("take the scope only from the mapped claim", async () => {
    expect(await refusal(`Bearer ${await sign({ ...clerk, org: {}, centerId: CENTER })}`)).toBe(
      "The token does not carry a valid role and scope.",
    );
    expect(await refusal(`Bearer ${await sign({ ...clerk, org: { center: "ctr_x" } })}`)).toBe(
      "The token does not carry a valid role and scope.",
    );
  });
});

describe("the configuration, at cold start", () => {
  /** A fresh module reading `env` over this file's, as a new function instance would; the error it stops with. */
  async function coldStart(env: Record<string, string>): Promise<string | undefined> {
    const saved = { ...process.env };
    vi.resetModules();
    Object.assign(process.env, env);
    try {
      (await import("./jwt.ts")).jwtConfig();
      return undefined;
    } catch (error) {
      return (error as Error).message;
    } finally {
      Object.assign(process.env, saved);
    }
  }

  it("stops the function on a mapping or an algorithm list that cannot be meant, naming the variable", async () => {
    expect(await coldStart({ IDENTITY_CLAIMS: '{"centreId":"org.center"}' })).toMatch(
      /IDENTITY_CLAIMS: Unrecognized key/,
    );
    expect(await coldStart({ IDENTITY_CLAIMS: '{"roleValues":{"窗口人员":"window"}}' })).toMatch(
      /IDENTITY_CLAIMS\.roleValues\.窗口人员/,
    );
    expect(await coldStart({ IDENTITY_CLAIMS: "role=roles" })).toMatch(/IDENTITY_CLAIMS: must be JSON/);
    expect(await coldStart({ JWT_ALGORITHMS: "RS256,HS256" })).toMatch(/JWT_ALGORITHMS\.1/);
    expect(await coldStart({ JWT_ALGORITHMS: "RS256, ES256" })).toBeUndefined();
  });
});
