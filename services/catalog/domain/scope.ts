import type { Principal } from "#shared/auth/principal.ts";
import { ForbiddenError } from "#shared/errors.ts";

/**
 * An administration runs its own center and oversees the places below it (art. 4: 统筹指导监督…下级政务服务场所),
 * so an admin may change a center that is theirs or below theirs; the city administration, everything.
 */
export function administers(
  principal: Principal,
  center: { id: string; ancestorIds: readonly string[] },
): boolean {
  return (
    principal.role === "admin" &&
    principal.centerId !== undefined &&
    (principal.centerId === center.id || center.ancestorIds.includes(principal.centerId))
  );
}

export function assertAdministers(
  principal: Principal,
  center: { id: string; ancestorIds: readonly string[] },
): void {
  if (!administers(principal, center))
    throw new ForbiddenError("This center is outside your administration.");
}

/** Staff and supervisors of a center, or of a center above it, may read its roster. */
export function assertOversees(
  principal: Principal,
  center: { id: string; ancestorIds: readonly string[] },
): void {
  const oversees =
    principal.centerId !== undefined &&
    ["admin", "supervisor"].includes(principal.role) &&
    (principal.centerId === center.id || center.ancestorIds.includes(principal.centerId));
  if (!oversees) throw new ForbiddenError("This center is outside your oversight.");
}
