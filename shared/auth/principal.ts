import * as z from "zod";
import { ForbiddenError } from "../errors.ts";
import { isCreditCode, isResidentId } from "../identity.ts";
import { isId } from "../ids.ts";
import type { IdentityClaims } from "./claims.ts";
import { identityFields } from "./identity-fields.ts";
import { ROLES, type Role } from "./roles.ts";

/** A scope claim is a well-formed id of its kind (`ctr_…`, `dep_…`): anything else is no scope at all. */
const scopeId = (prefix: string) => z.string().refine((v) => isId(v, prefix));

/**
 * The identity real-name verification (实名认证) bound an applicant's account to: in AWS two Cognito attributes only the
 * verification backend can write (`custom:verifiedIdNumber`, `custom:verifiedName`); locally the seeded applicant's.
 * An online applicant applies under this identity and no other (issue 15).
 */
const verifiedIdentitySchema = z.object({
  idNumber: z.string().refine((v) => isResidentId(v)),
  name: z.string().min(1).max(50),
});
export type VerifiedIdentity = z.infer<typeof verifiedIdentitySchema>;

/** Organisations the account is verified to act for (法人认证), by credit code; Cognito keeps them comma-separated. */
const organisationsSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
  z.array(z.string().refine(isCreditCode)).max(20),
);

/**
 * Who is calling, from the verified token: Cognito's custom attributes under `custom:`, the local runtime's plain
 * claims and an external provider's own claims (under IDENTITY_CLAIMS) all map to the same principal.
 */
export const principalSchema = z
  .object({
    sub: z.string().min(1),
    role: z.enum(ROLES),
    centerId: scopeId("ctr").optional(),
    departmentId: scopeId("dep").optional(),
    verifiedIdentity: verifiedIdentitySchema.optional(),
    organisations: organisationsSchema.optional(),
  })
  .refine((p) => p.role === "applicant" || p.centerId !== undefined, {
    message: "staff tokens must carry a centerId",
    path: ["centerId"],
  });
export type Principal = z.infer<typeof principalSchema>;

/**
 * The principal a verified token names, its claims read under the configured mapping (shared/auth/claims.ts,
 * IDENTITY_CLAIMS) or, without one, as plain claims or under Cognito's `custom:` prefix. Undefined when the token
 * names no valid principal.
 */
export function principalFromClaims(
  claims: Record<string, unknown>,
  mapping?: IdentityClaims,
): Principal | undefined {
  const fields = identityFields(claims, mapping);
  const applicant = fields.role === "applicant";
  const parsed = principalSchema.safeParse({
    sub: fields.sub,
    role: fields.role,
    centerId: fields.centerId,
    departmentId: fields.departmentId,
    // Only applicants are bound to an identity here; staff act as staff.
    ...(applicant && fields.verifiedIdNumber !== undefined
      ? { verifiedIdentity: { idNumber: fields.verifiedIdNumber, name: fields.verifiedName } }
      : {}),
    ...(applicant && fields.organisations !== undefined ? { organisations: fields.organisations } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}

export function hasRole(principal: Principal, roles: readonly Role[]): boolean {
  return roles.includes(principal.role);
}

/** Staff act only within their own center (DESIGN.md, "HTTP API"). */
export function assertCenterScope(principal: Principal, centerId: string): void {
  if (principal.role === "applicant" || principal.centerId !== centerId) {
    throw new ForbiddenError("This resource belongs to another center.");
  }
}

/** Department-bound staff act only for their department. */
export function assertDepartmentScope(principal: Principal, centerId: string, departmentId: string): void {
  assertCenterScope(principal, centerId);
  if (principal.departmentId !== undefined && principal.departmentId !== departmentId) {
    throw new ForbiddenError("This resource belongs to another department.");
  }
}

/** Applicants see only their own records; staff those of their center. */
export function assertOwnerOrCenterStaff(
  principal: Principal,
  owner: { ownerId: string; centerId: string },
): void {
  if (principal.role === "applicant") {
    if (principal.sub !== owner.ownerId)
      throw new ForbiddenError("This record belongs to another applicant.");
    return;
  }
  assertCenterScope(principal, owner.centerId);
}
