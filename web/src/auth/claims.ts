import { identityFields } from "../../../shared/auth/identity-fields.ts";
import { ROLES, type Role } from "../../../shared/auth/roles.ts";
import { isId } from "../../../shared/id-format.ts";
import { isCreditCode, isResidentId } from "../../../shared/identity.ts";
import type { Principal } from "../session.ts";
import type { IdentityClaims } from "./claim-mapping.ts";

/**
 * Who an ID token says the user is, read the way the API reads it (shared/auth/principal.ts, principalFromClaims):
 * under the identity provider's claim mapping when config.json has one (an external OpenID Connect provider, issue
 * 23), otherwise Cognito's custom attributes under `custom:` or the local runtime's plain claims. The API decides what
 * the user may do; the sites only choose what to show — but a token the API would refuse opens no session: every
 * call's 401 would send the user back through the provider's login, which would sign them straight in again.
 * The fields come from the API's own reading (shared/auth/identity-fields.ts); the rules below are principal.ts's
 * schema without zod, and claims-parity.test.ts holds the two to the same answers.
 */
export type Claims = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;
const isRole = (role: unknown): role is Role => (ROLES as readonly unknown[]).includes(role);

/** A scope claim is absent, or a well-formed id of its kind (`ctr_…`, `dep_…`), as the API requires. */
const scopeOk = (value: unknown, prefix: string): value is string | undefined =>
  value === undefined || (typeof value === "string" && isId(value, prefix));

/** Organisations by credit code, a list or comma-separated (as Cognito keeps them); undefined when malformed. */
function organisationsOf(value: unknown): string[] | undefined {
  const list: unknown = typeof value === "string" ? value.split(",").filter(Boolean) : value;
  return Array.isArray(list) &&
    list.length <= 20 &&
    list.every((code) => typeof code === "string" && isCreditCode(code))
    ? (list as string[])
    : undefined;
}

/**
 * The principal the API would take from these claims, or undefined when it would refuse them: no `sub`, no single
 * known role, a malformed center or department, staff without a center, and for an applicant a verified identity or
 * organisations that are not well-formed (the API checks the same on every call).
 */
export function principalFromClaims(claims: Claims, mapping?: IdentityClaims): Principal | undefined {
  const fields = identityFields(claims, mapping);
  const sub = text(fields.sub);
  const { role, centerId, departmentId, verifiedIdNumber, verifiedName } = fields;
  if (!sub || !isRole(role) || !scopeOk(centerId, "ctr") || !scopeOk(departmentId, "dep")) return undefined;
  const applicant = role === "applicant";
  if (!applicant && centerId === undefined) return undefined;
  // Only applicants are bound to an identity; staff act as staff.
  let verifiedIdentity: Principal["verifiedIdentity"];
  if (applicant && verifiedIdNumber !== undefined) {
    const wellFormed =
      typeof verifiedIdNumber === "string" &&
      isResidentId(verifiedIdNumber) &&
      typeof verifiedName === "string" &&
      verifiedName.length >= 1 &&
      verifiedName.length <= 50;
    if (!wellFormed) return undefined;
    verifiedIdentity = { idNumber: verifiedIdNumber, name: verifiedName };
  }
  let organisations: string[] | undefined;
  if (applicant && fields.organisations !== undefined) {
    organisations = organisationsOf(fields.organisations);
    if (!organisations) return undefined;
  }
  return {
    sub,
    role,
    ...(centerId !== undefined ? { centerId } : {}),
    ...(departmentId !== undefined ? { departmentId } : {}),
    ...(verifiedIdentity ? { verifiedIdentity } : {}),
    ...(organisations ? { organisations } : {}),
  };
}

/**
 * The principal of a staff member (the console is for the people who work in a center; applicants have their own
 * portal), or undefined when the token names none.
 */
export function staffPrincipalFromClaims(claims: Claims, mapping?: IdentityClaims): Principal | undefined {
  const principal = principalFromClaims(claims, mapping);
  return principal && principal.role !== "applicant" ? principal : undefined;
}

/**
 * The principal of an applicant (the portal's, issue 19): `sub`, the applicant role, and what real-name verification
 * bound the account to — the identity they apply under, and the organisations they may act for. The API checks the
 * same claims on every application; the portal only fills its forms with them.
 */
export function applicantPrincipalFromClaims(
  claims: Claims,
  mapping?: IdentityClaims,
): Principal | undefined {
  const principal = principalFromClaims(claims, mapping);
  return principal?.role === "applicant" ? principal : undefined;
}

/** The payload of a JWT, not verified: the API verifies it on every call; the console only reads it. */
export function decodeJwtPayload(token: string): Claims | undefined {
  const part = token.split(".")[1];
  if (!part) return undefined;
  try {
    const base64 = part.replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof payload === "object" && payload !== null ? (payload as Claims) : undefined;
  } catch {
    return undefined;
  }
}

/** What session.signIn keeps for an ID token: the token the API gets, its expiry, who it names and what to call them. */
export interface SignedIn {
  token: string;
  expiresAt: string;
  principal: Principal;
  label: string;
}

/**
 * The session an ID token opens, its claims read under `mapping` (config.json's, or none), or undefined when it names
 * no staff member (by default; `principalOf` says whom the site is for) or has no expiry.
 */
export function signedInFromIdToken(
  idToken: string,
  mapping?: IdentityClaims,
  principalOf: typeof staffPrincipalFromClaims = staffPrincipalFromClaims,
): SignedIn | undefined {
  const claims = decodeJwtPayload(idToken);
  const principal = claims && principalOf(claims, mapping);
  if (!claims || !principal || typeof claims.exp !== "number") return undefined;
  return {
    token: idToken,
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    principal,
    label:
      principal.verifiedIdentity?.name ??
      text(claims.name) ??
      text(claims.email) ??
      text(claims["cognito:username"]) ??
      // A standard provider's account name (OpenID Connect Core 1.0 §5.1).
      text(claims.preferred_username) ??
      principal.sub,
  };
}

/** The session an applicant's ID token opens in the portal (issue 19), or undefined when it names no applicant. */
export const applicantSignedInFromIdToken = (idToken: string, mapping?: IdentityClaims) =>
  signedInFromIdToken(idToken, mapping, applicantPrincipalFromClaims);

/**
 * Where to go after signing in: the console path the user asked for, kept in the sign-in request's state. Only a
 * path inside the console — never another origin (`//host`) — and the home page otherwise.
 */
export function backPath(state: unknown): string {
  const back = (state as { back?: unknown } | null | undefined)?.back;
  return typeof back === "string" && back.startsWith("/") && !back.startsWith("//") ? back : "/";
}
