import type { IdentityClaims } from "../../../shared/auth/claims.ts";
import { IDENTITY_FIELDS, type IdentityField } from "../../../shared/auth/identity-fields.ts";
import { ROLES, type Role } from "../../../shared/auth/roles.ts";

/**
 * Which claims of an ID token carry the principal's fields (issue 23, point 2): config.json's `claims`, the very
 * IDENTITY_CLAIMS the API's functions get. The sites read a token with the API's own code
 * (shared/auth/identity-fields.ts, free of zod); only the mapping's JSON is checked here, by the rules of
 * shared/auth/claims.ts's schema without zod, which the sites do not bundle (that module would add zod's ≈ 90 KB to
 * the pages). claims-parity.test.ts runs the same mappings and tokens through both and asserts they agree.
 */
export type { IdentityClaims };

/** Fields the provider may say it does not assert (`null`); it always asserts the subject and the role. */
const NULLABLE: readonly IdentityField[] = IDENTITY_FIELDS.filter((f) => f !== "sub" && f !== "role");

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
