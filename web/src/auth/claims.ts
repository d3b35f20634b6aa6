import { STAFF_ROLES } from "../../../shared/auth/roles.ts";
import { isId } from "../../../shared/id-format.ts";
import type { Principal } from "../session.ts";

/**
 * Who an ID token of the managed login says the user is, read the way the API reads it (shared/auth/principal.ts,
 * principalFromClaims): Cognito puts the custom attributes under `custom:`, the local runtime issues plain claims.
 * The API decides what the user may do; the console only chooses what to show, so it checks no more than it needs.
 */
export type Claims = Record<string, unknown>;

const claim = (claims: Claims, name: string): unknown => claims[name] ?? claims[`custom:${name}`];
const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;
const isStaffRole = (role: unknown): role is (typeof STAFF_ROLES)[number] =>
  (STAFF_ROLES as readonly unknown[]).includes(role);

/** A scope claim that is a well-formed id of its kind, as the API requires; anything else is no scope. */
const scope = (value: unknown, prefix: string): string | undefined =>
  typeof value === "string" && isId(value, prefix) ? value : undefined;

/**
 * The principal of a staff member, or undefined when the token names none: no `sub`, a role that is not a staff role
 * (the console is for the people who work in a center; applicants have their own portal), or scope claims the API
 * refuses — no well-formed center, or a malformed department. A token the API would refuse opens no session: every
 * call's 401 would send the user back through the managed login, which would sign them straight in again.
 */
export function staffPrincipalFromClaims(claims: Claims): Principal | undefined {
  const sub = text(claims.sub);
  const role = claim(claims, "role");
  const centerId = scope(claim(claims, "centerId"), "ctr");
  const department = claim(claims, "departmentId");
  const departmentId = scope(department, "dep");
  if (!sub || !isStaffRole(role) || !centerId || (department !== undefined && !departmentId))
    return undefined;
  return { sub, role, centerId, ...(departmentId ? { departmentId } : {}) };
}

/**
 * The principal of an applicant (the portal's, issue 19): `sub`, the applicant role, and what real-name verification
 * bound the account to — the identity they apply under, and the organisations they may act for (comma-separated in
 * Cognito). The API checks the same claims on every application; the portal only fills its forms with them.
 */
export function applicantPrincipalFromClaims(claims: Claims): Principal | undefined {
  const sub = text(claims.sub);
  if (!sub || claim(claims, "role") !== "applicant") return undefined;
  const idNumber = text(claim(claims, "verifiedIdNumber"));
  const name = text(claim(claims, "verifiedName"));
  const organisations = text(claim(claims, "organisations"))?.split(",").filter(Boolean);
  return {
    sub,
    role: "applicant",
    ...(idNumber && name ? { verifiedIdentity: { idNumber, name } } : {}),
    ...(organisations?.length ? { organisations } : {}),
  };
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
 * The session an ID token opens, or undefined when it names no staff member (by default; `principalOf` says whom the
 * site is for) or has no expiry.
 */
export function signedInFromIdToken(
  idToken: string,
  principalOf: (claims: Claims) => Principal | undefined = staffPrincipalFromClaims,
): SignedIn | undefined {
  const claims = decodeJwtPayload(idToken);
  const principal = claims && principalOf(claims);
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
      principal.sub,
  };
}

/** The session an applicant's ID token opens in the portal (issue 19), or undefined when it names no applicant. */
export const applicantSignedInFromIdToken = (idToken: string) =>
  signedInFromIdToken(idToken, applicantPrincipalFromClaims);

/**
 * Where to go after signing in: the console path the user asked for, kept in the sign-in request's state. Only a
 * path inside the console — never another origin (`//host`) — and the home page otherwise.
 */
export function backPath(state: unknown): string {
  const back = (state as { back?: unknown } | null | undefined)?.back;
  return typeof back === "string" && back.startsWith("/") && !back.startsWith("//") ? back : "/";
}
