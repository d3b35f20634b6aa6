import * as z from "zod";
import { ForbiddenError } from "../errors.ts";
import { isCreditCode, isResidentId } from "../identity.ts";
import { isId } from "../ids.ts";
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
 * Who is calling, from the verified token. Cognito puts custom attributes under `custom:`; the local runtime issues
 * plain claims. Both map to the same principal.
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

export function principalFromClaims(claims: Record<string, unknown>): Principal | undefined {
  const pick = (name: string) => claims[name] ?? claims[`custom:${name}`];
  const idNumber = pick("verifiedIdNumber");
  const parsed = principalSchema.safeParse({
    sub: claims.sub,
    role: pick("role"),
    centerId: pick("centerId"),
    departmentId: pick("departmentId"),
    // Only applicants are bound to an identity here; staff act as staff.
    ...(pick("role") === "applicant" && idNumber !== undefined
      ? { verifiedIdentity: { idNumber, name: pick("verifiedName") } }
      : {}),
    ...(pick("role") === "applicant" && pick("organisations") !== undefined
      ? { organisations: pick("organisations") }
      : {}),
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
