import {
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importPKCS8,
  SignJWT,
  type CryptoKey,
  type JWK,
} from "jose";
import * as z from "zod";
import { identityClaimsSchema, type IdentityClaims, type IdentityClaimsInput } from "#shared/auth/claims.ts";
import { claimsFor } from "#shared/auth/identity-fields.ts";
import type { Principal } from "#shared/auth/principal.ts";
import { clock } from "#shared/clock.ts";
import { jsonEnv, parseEnv } from "#shared/config/env.ts";

export const LOCAL_ISSUER = "govservice-local";
export const LOCAL_AUDIENCE = "govservice";

/** Who signs the local tokens: the runtime's own ES256 key (the default), or the runtime acting as an OIDC provider. */
export const LOCAL_IDENTITIES = ["local", "oidc"] as const;
export type LocalIdentity = (typeof LOCAL_IDENTITIES)[number];

/**
 * The claim mapping the local OIDC provider signs with unless IDENTITY_CLAIMS says otherwise: shaped like an external
 * provider's (issue 23, point 2) — roles listed in its own words under a nested claim, among values that name no
 * role; the scope under `org`; the real-name verified identity under `id_card`; organisations under a namespaced claim
 * whose name holds dots. Nothing of it is the system's own naming, so a test that passes through it shows the mapping
 * is what reads tokens.
 */
export const LOCAL_OIDC_CLAIMS = {
  role: "realm_access.roles",
  roleValues: {
    申请人: "applicant",
    窗口人员: "clerk",
    审批人员: "approver",
    首席代表: "chiefRep",
    中心管理员: "admin",
    监督人员: "supervisor",
  },
  centerId: "org.center",
  departmentId: "org.department",
  verifiedIdNumber: "id_card.number",
  verifiedName: "id_card.name",
  organisations: ["https://idp.example/organisations"],
} as const satisfies IdentityClaimsInput;

/** Values every provider lists beside the application's roles; the mapping must ignore them. */
const OTHER_ROLES = ["offline_access", "uma_authorization"];

/** The runtime acting as an external OpenID Connect provider (`--identity oidc`). */
export interface LocalIssuer {
  /** The issuer (`iss`), under the local API: `http://127.0.0.1:<port>/_local/oidc`. */
  url: string;
  /** Its OpenID Connect discovery document (`/.well-known/openid-configuration`). */
  discovery: Record<string, unknown>;
  /** Its public keys (`/.well-known/jwks.json`), which the functions fetch over HTTP as they do in AWS. */
  jwks: { keys: JWK[] };
  /**
   * Any claims, signed with the provider's key: for tests of what the API must refuse (a role that maps to none, a
   * foreign audience). `iss`, `aud`, `iat` and `exp` are the provider's unless `claims` names them; null leaves one out.
   */
  sign(
    claims: Record<string, unknown>,
    options: { expiresInSeconds: number; alg: "RS256" | "PS256" },
  ): Promise<string>;
}

export interface LocalAuth {
  /** The variables HTTP functions read (the same names Cognito's or an external provider's setup uses in AWS). */
  env: Record<string, string>;
  mint(principal: Principal, expiresInSeconds: number): Promise<{ token: string; expiresAt: string }>;
  /** With `--identity oidc` only. */
  issuer?: LocalIssuer;
}

export interface LocalAuthOptions {
  identity: LocalIdentity;
  /** With `oidc`: the issuer's URL, under the running API. */
  issuerUrl?: string;
  /** IDENTITY_CLAIMS (JSON) to sign with; `oidc` signs with LOCAL_OIDC_CLAIMS without it. */
  identityClaims?: string;
}

/**
 * A signing key made at each start. Tokens are stamped with virtual time, so advancing the clock past a token's
 * expiry makes it expire, as it would in real time.
 * - `local` (the default): an ES256 key handed to the functions as JWKS_JSON; plain claims, as before issue 23.
 * - `oidc`: the runtime is an external RS256 provider (issue 23, point 2), as the China regions' unified identity
 *   platform is: a discovery document and a key set at its issuer URL, fetched by the functions over HTTP
 *   (JWKS_URL, through shared/auth/jwks.ts as in AWS), RS256 only (JWT_ALGORITHMS), claims placed by a mapping
 *   (IDENTITY_CLAIMS). The integration suite's authentication tests run against it (auth-oidc.test.ts).
 */
export async function createLocalAuth(options: LocalAuthOptions = { identity: "local" }): Promise<LocalAuth> {
  const oidc = options.identity === "oidc";
  const alg = oidc ? "RS256" : "ES256";
  const claimsText = options.identityClaims ?? (oidc ? JSON.stringify(LOCAL_OIDC_CLAIMS) : undefined);
  const mapping = claimsText === undefined ? undefined : parseMapping(claimsText);
  const issuer = oidc ? issuerUrl(options.issuerUrl) : LOCAL_ISSUER;

  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  // The provider's keys carry no `alg`, as some providers publish them: then only JWT_ALGORITHMS keeps a token
  // signed with another RSA algorithm (PS256) out, which auth-oidc.test.ts checks.
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, use: "sig", ...(oidc ? {} : { alg }) };
  // RSA-PSS with the provider's own key (a test's PS256 token): Web Crypto binds a key to one algorithm.
  const keys = new Map<string, Promise<CryptoKey>>([[alg, Promise.resolve(privateKey)]]);
  const keyFor = (signAlg: string) => {
    if (!keys.has(signAlg))
      keys.set(
        signAlg,
        exportPKCS8(privateKey).then((pkcs8) => importPKCS8(pkcs8, signAlg)),
      );
    return keys.get(signAlg)!;
  };
  const signed = async (claims: Record<string, unknown>, expiresInSeconds: number, signAlg: string = alg) => {
    const now = Math.floor(clock.now().getTime() / 1000);
    const exp = now + expiresInSeconds;
    // A claim given as null is left out: a test's token without an expiry.
    const payload = Object.fromEntries(
      Object.entries({ iss: issuer, aud: LOCAL_AUDIENCE, iat: now, exp, ...claims }).filter(
        ([, v]) => v !== null,
      ),
    );
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: signAlg, kid, ...(oidc ? { typ: "JWT" } : {}) })
      .sign(await keyFor(signAlg));
    return { token, exp };
  };

  const env: Record<string, string> = {
    JWT_ISSUER: issuer,
    JWT_AUDIENCE: LOCAL_AUDIENCE,
    ...(oidc
      ? { JWKS_URL: `${issuer}/.well-known/jwks.json`, JWT_ALGORITHMS: alg }
      : { JWKS_JSON: JSON.stringify({ keys: [jwk] }) }),
    ...(claimsText === undefined ? {} : { IDENTITY_CLAIMS: claimsText }),
  };
  return {
    env,
    async mint(principal, expiresInSeconds) {
      const { token, exp } = await signed(
        { sub: principal.sub, ...principalClaims(principal, mapping) },
        expiresInSeconds,
      );
      return { token, expiresAt: new Date(exp * 1000).toISOString() };
    },
    ...(oidc
      ? {
          issuer: {
            url: issuer,
            discovery: discovery(issuer, alg),
            jwks: { keys: [jwk] },
            sign: async (claims, { expiresInSeconds, alg: signAlg }) =>
              (await signed(claims, expiresInSeconds, signAlg)).token,
          },
        }
      : {}),
  };
}

/** The principal's claims: plain (organisations comma-separated, as Cognito carries them), or placed by `mapping`. */
function principalClaims(principal: Principal, mapping: IdentityClaims | undefined): Record<string, unknown> {
  const fields = {
    sub: principal.sub,
    role: principal.role,
    ...(principal.centerId ? { centerId: principal.centerId } : {}),
    ...(principal.departmentId ? { departmentId: principal.departmentId } : {}),
    // The identity real-name verification set, and the organisations the account may act for.
    ...(principal.verifiedIdentity
      ? {
          verifiedIdNumber: principal.verifiedIdentity.idNumber,
          verifiedName: principal.verifiedIdentity.name,
        }
      : {}),
  };
  if (!mapping)
    return {
      ...fields,
      ...(principal.organisations?.length ? { organisations: principal.organisations.join(",") } : {}),
    };
  return claimsFor(
    { ...fields, ...(principal.organisations?.length ? { organisations: principal.organisations } : {}) },
    mapping,
    OTHER_ROLES,
  );
}

/** A bad mapping stops `npm start` as it stops a function at cold start, with the same message. */
const parseMapping = (text: string): IdentityClaims =>
  parseEnv(z.object({ IDENTITY_CLAIMS: jsonEnv(identityClaimsSchema) }), { IDENTITY_CLAIMS: text })
    .IDENTITY_CLAIMS;

function issuerUrl(url: string | undefined): string {
  if (!url) throw new Error("The local OIDC provider needs its issuer URL.");
  return url.replace(/\/$/, "");
}

/**
 * The provider's OpenID Connect discovery document (OpenID Connect Discovery 1.0, §3): what a relying party reads to
 * verify its tokens. No `authorization_endpoint`: there is no interactive sign-in here, tokens come from
 * `POST /_local/token` (the console's local sign-in uses it).
 */
function discovery(issuer: string, alg: string): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    response_types_supported: ["id_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: [alg],
  };
}
