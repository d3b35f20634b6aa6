import {
  createLocalJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from "jose";
import * as z from "zod";
import { clock } from "../clock.ts";
import { jsonEnv, parseEnv } from "../config/env.ts";
import { UnauthenticatedError } from "../errors.ts";
import { identityClaimsSchema } from "./claims.ts";
import { remoteKeySet } from "./jwks.ts";
import { principalFromClaims, type Principal } from "./principal.ts";

/**
 * The signature algorithms JWT_ALGORITHMS may allow: asymmetric ones only, since the keys are a provider's published
 * public keys (an HMAC "key" would be a secret shared with every function).
 */
const ASYMMETRIC_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
] as const;

/**
 * Bearer-token verification with jose. In AWS the keys are the Cognito user pool's JWKS, or an external OpenID Connect
 * provider's (JWKS_URL, fetched on first use and cached: jwks.ts); locally the runtime's signing key is passed as
 * JWKS_JSON, or published at its own issuer URL when it acts as an external provider (`npm start -- --identity oidc`).
 * API Gateway's JWT authorizer checks the token first in AWS; this check is the same everywhere and is what the local
 * runtime relies on. Which claims name the principal is IDENTITY_CLAIMS' (claims.ts).
 */
const envSchema = z
  .object({
    JWT_ISSUER: z.string().min(1),
    // The client ids whose ID tokens are accepted, comma-separated: in AWS the SPA's and the staff console's.
    JWT_AUDIENCE: z
      .string()
      .transform((v) => v.split(",").map((a) => a.trim()))
      .pipe(z.array(z.string().min(1)).min(1)),
    JWKS_URL: z.url().optional(),
    JWKS_JSON: jsonEnv(z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) })).optional(),
    /**
     * The only algorithms a token may be signed with, comma-separated (`RS256` for the China regions' provider: API
     * Gateway's JWT authorizer takes RSA keys only, and this check should refuse what it refuses). Absent: any the
     * key set's keys allow, as before issue 23.
     */
    JWT_ALGORITHMS: z
      .string()
      .transform((v) => v.split(",").map((a) => a.trim()))
      .pipe(z.array(z.enum(ASYMMETRIC_ALGORITHMS)).min(1))
      .optional(),
    IDENTITY_CLAIMS: jsonEnv(identityClaimsSchema).optional(),
  })
  .refine((e) => (e.JWKS_URL === undefined) !== (e.JWKS_JSON === undefined), {
    message: "set exactly one of JWKS_URL and JWKS_JSON",
    path: ["JWKS_URL"],
  });

let config: { env: z.output<typeof envSchema>; keys: JWTVerifyGetKey } | undefined;

/**
 * The verification settings, parsed once. Only functions that verify tokens have (and need) the JWT variables: a
 * protected route's handler calls this when its module loads (shared/http/middlewares/authorization.ts), so a missing
 * variable still stops it at cold start, while queue consumers and schedules — which share the service's ports and so
 * import this module — do not need variables they never use.
 */
export function jwtConfig() {
  if (!config) {
    const env = parseEnv(envSchema);
    const keys = env.JWKS_URL
      ? remoteKeySet(new URL(env.JWKS_URL))
      : createLocalJWKSet(env.JWKS_JSON as unknown as JSONWebKeySet);
    config = { env, keys };
  }
  return config;
}

export async function verifyBearer(authorization: string | undefined): Promise<Principal> {
  // RFC 9110 §11.1: the scheme is case-insensitive ("bearer" is as good as "Bearer").
  const match = /^Bearer\s+([A-Za-z0-9\-_.]+)$/i.exec(authorization ?? "");
  if (!match) throw new UnauthenticatedError("A bearer token is required.");
  const { env, keys } = jwtConfig();
  try {
    const { payload } = await jwtVerify(match[1]!, keys, {
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      currentDate: clock.now(),
      clockTolerance: 5,
      // A token without an expiry would be good forever: refused, as API Gateway's JWT authorizer refuses it.
      requiredClaims: ["exp"],
      ...(env.JWT_ALGORITHMS ? { algorithms: env.JWT_ALGORITHMS } : {}),
    });
    const principal = principalFromClaims(payload, env.IDENTITY_CLAIMS);
    if (!principal) throw new UnauthenticatedError("The token does not carry a valid role and scope.");
    return principal;
  } catch (error) {
    if (error instanceof UnauthenticatedError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError("The token has expired.");
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "exp")
      throw new UnauthenticatedError("The token has no expiry.");
    throw new UnauthenticatedError("The token is not valid.");
  }
}
