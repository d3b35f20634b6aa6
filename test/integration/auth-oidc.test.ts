import { createHmac } from "node:crypto";
import {
  base64url,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportSPKI,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
} from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApplicants, seedUsers } from "#infra/local/seed-data.ts";
import { advanceClock, as, drain, newApplicant, request, stack, useStack } from "./support/api.ts";
import { givenItem, guideInput, itemInput, residentStatus } from "./support/factories.ts";
import { startOwnStack, type OwnStack } from "./support/own-stack.ts";
import { seeded } from "./support/seed.ts";

/**
 * Issue 23, point 2: authentication against an external OpenID Connect provider. A stack of this file's own runs as
 * one (`--identity oidc`): it signs RS256 tokens whose claims are placed by a mapping that is none of the system's own
 * naming (infra/local/auth.ts, LOCAL_OIDC_CLAIMS: roles in the provider's words under `realm_access.roles`, the scope
 * under `org`), publishes its discovery document and keys at its issuer URL, and the functions fetch the keys over
 * HTTP and read the claims under IDENTITY_CLAIMS — what the AWS China target does with the city's unified identity
 * platform. The whole authentication and authorization suite also runs against such a stack with
 * `LOCAL_IDENTITY=oidc` (the shared stack then starts in this mode).
 */
let own: OwnStack;
let issuer: string;
let item: string;

/** Claims signed by the provider's own key, as its administrator could configure them. */
async function providerToken(claims: Record<string, unknown>, alg: "RS256" | "PS256" = "RS256") {
  const res = await request("POST", "/_local/oidc/token", { body: { claims, alg } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.token as string;
}

/** A clerk of the Haidian center, as the provider writes one. */
const clerkClaims = (extra: Record<string, unknown> = {}) => ({
  sub: "usr_oidc_clerk",
  realm_access: { roles: ["offline_access", "窗口人员"] },
  org: { center: seeded.haidian },
  ...extra,
});
const adminClaims = (center: string) => ({
  sub: `usr_oidc_admin_${center.slice(-4)}`,
  realm_access: { roles: ["中心管理员"] },
  org: { center },
});

/** A staff route every staff role may call: the caller's roster entry (404 for one not on the roster). */
const myStaff = (token: string) => request("GET", "/v1/me/staff", { token });

beforeAll(async () => {
  own = await startOwnStack(["--identity", "oidc"]);
  useStack(own.info);
  issuer = `${stack.url}/_local/oidc`;
  // An item resident at the Haidian center, for applications online
  item = (await givenItem()).id;
  await as("admin").post(
    `/v1/items/${item}/guides`,
    guideInput({ materials: [{ name: "申请表", required: true }] }),
  );
  await request("PUT", `/v1/centers/${seeded.haidian}/items/${item}`, {
    as: "admin",
    body: residentStatus(),
  });
  await drain();
}, 120_000);

afterAll(async () => {
  await own?.stop();
});

describe("the local runtime as an external OpenID Connect provider", () => {
  it("publishes its discovery document and RS256 keys at its issuer URL, and signs tokens they verify", async () => {
    // Act
    const discovery = await request("GET", "/_local/oidc/.well-known/openid-configuration");
    const jwks = await fetch(discovery.body.jwks_uri as string).then((r) => r.json());
    const { token } = (await request("POST", "/_local/token", { body: { user: "approver" } })).body;
    // Assert: what a relying party (API Gateway's JWT authorizer) reads and checks
    expect(discovery.body).toMatchObject({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ["RS256"],
    });
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: "RSA", use: "sig" })]);
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks as JSONWebKeySet), {
      issuer,
      algorithms: ["RS256"],
      // Stamped with the stack's virtual time
      currentDate: new Date((await request("GET", "/_local/clock")).body.now as string),
    });
    expect(protectedHeader.alg).toBe("RS256");
    // The claims are the provider's, not the system's names
    expect(payload).toMatchObject({
      sub: seedUsers.approver.sub,
      realm_access: { roles: expect.arrayContaining(["审批人员"]) },
      org: { center: seedUsers.approver.centerId, department: seedUsers.approver.departmentId },
    });
    expect(payload).not.toHaveProperty("role");
    expect(payload).not.toHaveProperty("centerId");
  });

  it("lets staff in through the mapping: role, center and subject", async () => {
    // Act
    const clerk = await as("clerk").get("/v1/me/staff");
    const created = await as("admin").post("/v1/items", itemInput());
    // Assert
    expect(clerk.status, JSON.stringify(clerk.body)).toBe(200);
    expect(clerk.body).toMatchObject({ centerId: seeded.haidian, userId: seedUsers.clerk.sub });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  });

  it("binds an applicant to the verified identity and organisations the provider asserts (issue 15)", async () => {
    // Arrange
    const stranger = await newApplicant({ idNumber: "110108198707054175", name: "赵敏" });
    const forCompany = await newApplicant(demoApplicants.person, [demoApplicants.organisation.creditCode]);
    const online = (applicant: object) => ({
      itemId: item,
      centerId: seeded.haidian,
      channel: "online",
      applicant,
      materials: [{ name: "申请表" }],
      notifications: { channels: ["inbox"] },
    });
    // Act
    const foreign = await stranger.post("/v1/applications", online(demoApplicants.person));
    const forOrganisation = await forCompany.post("/v1/applications", online(demoApplicants.organisation));
    const ownIdentity = await forCompany.post("/v1/applications", online(demoApplicants.person));
    // Assert
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ rule: "not-your-identity" });
    expect(forOrganisation.status, JSON.stringify(forOrganisation.body)).toBe(201);
    expect(ownIdentity.status, JSON.stringify(ownIdentity.body)).toBe(201);
    expect(ownIdentity.body.ownerId).toBe(forCompany.sub);
  });
});

describe("what the API refuses from an RS256 provider", () => {
  it("a token past its expiry, on virtual time", async () => {
    // Arrange
    const { token } = (
      await request("POST", "/_local/token", { body: { user: "admin", expiresInSeconds: 60 } })
    ).body;
    expect((await myStaff(token)).status).toBe(200);
    // Act
    await advanceClock("PT2M");
    const res = await myStaff(token);
    // Assert
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/expired/);
  });

  it("another issuer, another audience, no expiry", async () => {
    const foreignIssuer = await myStaff(
      await providerToken(clerkClaims({ iss: "https://idp.example/other" })),
    );
    const foreignAudience = await myStaff(await providerToken(clerkClaims({ aud: "another-client" })));
    const forever = await myStaff(await providerToken(clerkClaims({ exp: null })));
    expect(foreignIssuer.status).toBe(401);
    expect(foreignAudience.status).toBe(401);
    expect(forever.status).toBe(401);
    expect(forever.body.detail).toMatch(/no expiry/);
  });

  it("a token signed with any algorithm but RS256 (algorithm confusion)", async () => {
    // Arrange: the provider's own key under RSA-PSS; its public key (PEM) as an HMAC secret, the classic confusion; a
    // key of our own under its kid; no signature at all
    const jwks = (await request("GET", "/_local/oidc/.well-known/jwks.json")).body as JSONWebKeySet;
    const kid = jwks.keys[0]!.kid!;
    const now = Math.floor(Date.parse((await request("GET", "/_local/clock")).body.now as string) / 1000);
    const claims = { ...clerkClaims(), iss: issuer, aud: "govservice", iat: now, exp: now + 600 };
    const encode = (header: object) =>
      `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(claims))}`;
    const hs256 = encode({ alg: "HS256", kid });
    const publicPem = await exportSPKI((await importJWK(jwks.keys[0]!, "RS256")) as CryptoKey);
    const hmac = createHmac("sha256", publicPem).update(hs256).digest("base64url");
    const { privateKey } = await generateKeyPair("ES256");
    const es256 = await new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid }).sign(privateKey);
    const tokens = {
      PS256: await providerToken(clerkClaims(), "PS256"),
      HS256: `${hs256}.${hmac}`,
      ES256: es256,
      none: `${encode({ alg: "none", kid })}.`,
    };
    expect(decodeProtectedHeader(tokens.PS256)).toMatchObject({ alg: "PS256", kid });
    // Act + Assert
    for (const [alg, token] of Object.entries(tokens)) {
      const res = await myStaff(token);
      expect(res.status, alg).toBe(401);
      expect(res.body.detail, alg).toBe("The token is not valid.");
    }
    // The same claims signed as the provider signs are let in
    expect((await myStaff(await providerToken(clerkClaims()))).status).not.toBe(401);
  });

  it("roles that map to none, or to two; the system's own names and claims the mapping does not read", async () => {
    const withRoles = (roles: unknown) => providerToken(clerkClaims({ realm_access: { roles } }));
    const cases = {
      unmapped: await withRoles(["offline_access", "访客"]),
      twoRoles: await withRoles(["窗口人员", "中心管理员"]),
      ownName: await withRoles(["admin"]),
      // A claim named as the system's, beside the provider's: not what the mapping reads
      plainRole: await providerToken(
        clerkClaims({ realm_access: {}, role: "admin", "custom:role": "admin" }),
      ),
      noCenter: await providerToken(clerkClaims({ org: {}, centerId: seeded.haidian })),
      badCenter: await providerToken(clerkClaims({ org: { center: "ctr_x" } })),
    };
    for (const [name, token] of Object.entries(cases)) {
      const res = await myStaff(token);
      expect(res.status, name).toBe(401);
      expect(res.body.detail, name).toBe("The token does not carry a valid role and scope.");
    }
    expect(decodeJwt(cases.plainRole)).toMatchObject({ role: "admin" });
  });

  it("a role the route does not allow (403), and a center not the caller's (403)", async () => {
    // Arrange
    const applicant = await newApplicant();
    const foreignAdmin = await providerToken(adminClaims(seeded.otherDistrict));
    const ownAdmin = await providerToken(adminClaims(seeded.haidian));
    const department = (token: string) =>
      request("POST", `/v1/centers/${seeded.haidian}/departments`, { token, body: { name: "映射测试局" } });
    // Act
    const applicantOnStaffRoute = await myStaff(applicant.token);
    const foreign = await department(foreignAdmin);
    const ownCenter = await department(ownAdmin);
    // Assert
    expect(applicantOnStaffRoute.status).toBe(403);
    expect(foreign.status).toBe(403);
    expect(ownCenter.status, JSON.stringify(ownCenter.body)).toBe(201);
  });
});
