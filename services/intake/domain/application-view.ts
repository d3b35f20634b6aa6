import type { Principal } from "#shared/auth/principal.ts";
import { maskForList } from "#shared/personal-data.ts";
import type { Application } from "./application.ts";

/** Roles that work with an applicant's ID and phone numbers in full — on one case they opened (issue 16). */
const FULL_VIEW_ROLES: ReadonlySet<Principal["role"]> = new Set(["clerk", "approver", "chiefRep"]);

/**
 * What an answer shows of an application (issue 16): never the projection's bookkeeping (when and from which event
 * intake copied the guide); personal data masked, except in the case opened by staff who handle it. The applicant
 * does not get their own ID number back: they have it, and an answer is copied into logs and caches on its way.
 */
export function applicationView<T extends Application>(application: T, reader: Principal, opened = false): T {
  const { projectedAt: _p, sourceEventId: _s, ...guide } = application.guide;
  const view = { ...application, guide } as T;
  return opened && FULL_VIEW_ROLES.has(reader.role) ? view : maskForList(view);
}
