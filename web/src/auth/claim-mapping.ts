import { ROLES, type Role } from "../../../shared/auth/roles.ts";

/**
 * Which claims of an ID token carry the principal's fields (issue 23, point 2): config.json's `claims`, the very
 * IDENTITY_CLAIMS the API's functions get, so the sites read a token exactly as the API does. The schema and the
 * API's reading are shared/auth/claims.ts's; this is the same reading without zod, which the sites do not bundle
 * (importing that module would add zod's ≈ 90 KB to the pages). claims-parity.test.ts runs the same tokens through
 * both readings and asserts they agree.
 *
 * - A field's claim is a dotted path into the token (`org.center`), or its segments as a list when a claim's name
 *   holds a dot (`["https://idp.example/roles"]`); `null`: the provider does not assert it, never read.
 * - A field the mapping does not name is read as without a mapping: the claim of its own name, or Cognito's
 *   `custom:` one.
 * - `roleValues` translates the provider's role values into the system's roles (without it the values are the
 *   system's role names). The role claim may be one value or a list; values that map to no role are ignored, and
 *   exactly one role must remain.
 */
export interface IdentityClaims {
  sub?: string[];
  role?: string[];
  roleValues?: Record<string, Role>;
  centerId?: string[] | null;
  departmentId?: string[] | null;
  verifiedIdNumber?: string[] | null;
  verifiedName?: string[] | null;
  organisations?: string[] | null;
}

/** The principal's fields a token can carry. */
const IDENTITY_FIELDS = [
  "sub",
  "role",
  "centerId",
  "departmentId",
  "verifiedIdNumber",
  "verifiedName",
  "organisations",
] as const;
type IdentityField = (typeof IDENTITY_FIELDS)[number];
/** Fields the provider may say it does not assert (`null`); it always asserts the subject and the role. */
const NULLABLE: readonly IdentityField[] = IDENTITY_FIELDS.filter((f) => f !== "sub" && f !== "role");

/** What a token says of each field, before the principal's rules judge it (claims.ts). */
export type IdentityFields = Record<IdentityField, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A path as configured (dotted, or its segments), as segments; undefined when it is no path. */
function segments(path: unknown): string[] | undefined {
  if (typeof path === "string") {
    const parts = path.split(".");
    return parts.every((s) => s.length > 0) ? parts : undefined;
  }
  if (Array.isArray(path) && path.length > 0 && path.every((s) => typeof s === "string" && s.length > 0))
    return path as string[];
  return undefined;
}

/**
 * The mapping config.json carries, or undefined without one (the reading before issue 23). Throws for one the API
 * would refuse — CDK checks it at synth with shared/auth/claims.ts's schema, so that is a config.json written by hand:
 * reading it some other way than the API does would open sessions the API refuses, or refuse ones it accepts.
 */
export function parseIdentityClaims(json: string | undefined): IdentityClaims | undefined {
  if (json === undefined) return undefined;
  const refuse = (why: string): never => {
    throw new Error(`config.json's identity claims: ${why}`);
  };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    refuse("not JSON");
  }
  if (!isRecord(value)) return refuse("not an object");
  const mapping: IdentityClaims = {};
  for (const [key, path] of Object.entries(value)) {
    if (key === "roleValues") {
      const entries = isRecord(path) ? Object.entries(path) : [];
      if (entries.length === 0) refuse("roleValues names no value");
      for (const [from, to] of entries)
        if (from === "" || !(ROLES as readonly unknown[]).includes(to))
          refuse(`roleValues: ${from} → ${String(to)}`);
      mapping.roleValues = Object.fromEntries(entries) as Record<string, Role>;
      continue;
    }
    const field = IDENTITY_FIELDS.find((f) => f === key);
    if (!field) return refuse(`unknown field ${key}`);
    if (path === undefined) continue;
    if (path === null && NULLABLE.includes(field)) {
      mapping[field as Exclude<IdentityField, "sub" | "role">] = null;
      continue;
    }
    mapping[field] = segments(path) ?? refuse(`${key} is no claim path`);
  }
  return mapping;
}

/** The value at `path`, own properties only (a path never reaches `__proto__` or `constructor`). */
function claimAt(claims: Record<string, unknown>, path: readonly string[]): unknown {
  let current: unknown = claims;
  for (const segment of path) {
    if (!isRecord(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

/** The claim of a field's own name, or Cognito's `custom:` one: how tokens were read before issue 23. */
const defaultClaim = (claims: Record<string, unknown>, field: IdentityField) =>
  field === "sub" ? claims.sub : (claims[field] ?? claims[`custom:${field}`]);

/** The one system role a role claim names under `mapping`: undefined when it names none, or two different ones. */
function roleOf(value: unknown, { roleValues }: IdentityClaims): Role | undefined {
  const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);
  const roles = new Set(
    (Array.isArray(value) ? value : [value])
      .filter((v): v is string => typeof v === "string")
      .map((v) =>
        roleValues ? (Object.hasOwn(roleValues, v) ? roleValues[v] : undefined) : isRole(v) ? v : undefined,
      )
      .filter((r): r is Role => r !== undefined),
  );
  return roles.size === 1 ? [...roles][0] : undefined;
}

/** The fields of a token under the configured mapping, or as before issue 23 without one. */
export function identityFields(claims: Record<string, unknown>, mapping?: IdentityClaims): IdentityFields {
  const read = (field: IdentityField) => {
    const path = mapping?.[field];
    if (path === null) return undefined;
    return path === undefined ? defaultClaim(claims, field) : claimAt(claims, path);
  };
  const fields = Object.fromEntries(IDENTITY_FIELDS.map((f) => [f, read(f)])) as IdentityFields;
  return mapping ? { ...fields, role: roleOf(fields.role, mapping) } : fields;
}
