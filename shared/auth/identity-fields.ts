import type { IdentityClaims } from "./claims.ts";
import { ROLES, type Role } from "./roles.ts";

/**
 * A token's claims read under an identity claims mapping (claims.ts says what the mapping means; issue 23, point 2).
 * No zod at run time (the mapping's type is claims.ts's, imported as a type only): the staff console and the portal
 * read ID tokens with this same code, and bundle no validation library for it.
 */

/** The principal's fields a token can carry. */
export const IDENTITY_FIELDS = [
  "sub",
  "role",
  "centerId",
  "departmentId",
  "verifiedIdNumber",
  "verifiedName",
  "organisations",
] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/** What a token says of each field, before the principal's schema judges it (shared/auth/principal.ts). */
export type IdentityFields = Record<IdentityField, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The value at `path`, own properties only (a path never reaches `__proto__` or `constructor`). */
export function claimAt(claims: Record<string, unknown>, path: readonly string[]): unknown {
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

/** Without a mapping: exactly the reading before issue 23. */
export function legacyFields(claims: Record<string, unknown>): IdentityFields {
  return Object.fromEntries(IDENTITY_FIELDS.map((f) => [f, defaultClaim(claims, f)])) as IdentityFields;
}

/**
 * The one system role a role claim names, under `mapping`: undefined when it names none, or two different ones.
 * A value that is no string (a number, an object) names nothing.
 */
export function roleOf(value: unknown, mapping: IdentityClaims): Role | undefined {
  const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
  const { roleValues } = mapping;
  const roles = new Set(
    values
      .map((v) =>
        roleValues
          ? Object.hasOwn(roleValues, v)
            ? roleValues[v]
            : undefined
          : (ROLES as readonly string[]).includes(v)
            ? (v as Role)
            : undefined,
      )
      .filter((r): r is Role => r !== undefined),
  );
  return roles.size === 1 ? [...roles][0] : undefined;
}

/** The principal's fields as `mapping` places them in a token (a field set to null is not read). */
export function mappedFields(claims: Record<string, unknown>, mapping: IdentityClaims): IdentityFields {
  const read = (field: IdentityField) => {
    const path = mapping[field];
    if (path === null) return undefined;
    return path === undefined ? defaultClaim(claims, field) : claimAt(claims, path);
  };
  const fields = Object.fromEntries(IDENTITY_FIELDS.map((f) => [f, read(f)])) as IdentityFields;
  return { ...fields, role: roleOf(fields.role, mapping) };
}

/** The fields of a token under the configured mapping, or as before issue 23 without one. */
export const identityFields = (claims: Record<string, unknown>, mapping?: IdentityClaims): IdentityFields =>
  mapping ? mappedFields(claims, mapping) : legacyFields(claims);

/**
 * The claims a provider configured with `mapping` puts in a token for these fields: the inverse of `mappedFields`,
 * for the local runtime acting as such a provider (infra/local/auth.ts) and for tests. The role is written as the
 * provider's value for it (the first one `roleValues` names) in a list, as providers list roles, after `otherRoles`
 * (values that map to no role, which the reading must ignore). Throws for a field the mapping says is not carried,
 * or a role the provider has no value for: such a principal cannot be expressed in this provider's tokens.
 */
export function claimsFor(
  fields: Partial<Record<IdentityField, string | string[]>>,
  mapping: IdentityClaims,
  otherRoles: readonly string[] = [],
): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const field of IDENTITY_FIELDS) {
    let value = fields[field];
    if (value === undefined) continue;
    const path = mapping[field];
    if (path === null) throw new Error(`The identity claims carry no ${field}.`);
    if (field === "role") {
      const roleValue = mapping.roleValues
        ? Object.keys(mapping.roleValues).find((k) => mapping.roleValues![k] === value)
        : (value as string);
      if (roleValue === undefined)
        throw new Error(`The identity claims' roleValues name no value for ${value}.`);
      value = [...otherRoles, roleValue];
    }
    const segments = path ?? [field];
    let parent = claims;
    for (const segment of segments.slice(0, -1)) {
      if (!isRecord(parent[segment])) parent[segment] = {};
      parent = parent[segment] as Record<string, unknown>;
    }
    parent[segments.at(-1)!] = value;
  }
  return claims;
}
