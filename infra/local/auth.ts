import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type { Principal } from "#shared/auth/principal.ts";
import { clock } from "#shared/clock.ts";

export const LOCAL_ISSUER = "govservice-local";
export const LOCAL_AUDIENCE = "govservice";

export interface LocalAuth {
  /** The variables HTTP functions read (the same names Cognito's JWKS_URL setup uses in AWS). */
  env: Record<string, string>;
  mint(principal: Principal, expiresInSeconds: number): Promise<{ token: string; expiresAt: string }>;
}

/**
 * A signing key made at each start (ES256). Tokens are stamped with virtual time, so advancing the clock past a
 * token's expiry makes it expire, as it would in real time.
 */
export async function createLocalAuth(): Promise<LocalAuth> {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  return {
    env: {
      JWT_ISSUER: LOCAL_ISSUER,
      JWT_AUDIENCE: LOCAL_AUDIENCE,
      JWKS_JSON: JSON.stringify({ keys: [jwk] }),
    },
    async mint(principal, expiresInSeconds) {
      const now = Math.floor(clock.now().getTime() / 1000);
      const claims: Record<string, string> = { role: principal.role };
      if (principal.centerId) claims.centerId = principal.centerId;
      if (principal.departmentId) claims.departmentId = principal.departmentId;
      // As Cognito carries them: the identity real-name verification set, organisations comma-separated.
      if (principal.verifiedIdentity) {
        claims.verifiedIdNumber = principal.verifiedIdentity.idNumber;
        claims.verifiedName = principal.verifiedIdentity.name;
      }
      if (principal.organisations?.length) claims.organisations = principal.organisations.join(",");
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", kid })
        .setSubject(principal.sub)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(now + expiresInSeconds)
        .sign(privateKey);
      return { token, expiresAt: new Date((now + expiresInSeconds) * 1000).toISOString() };
    },
  };
}
