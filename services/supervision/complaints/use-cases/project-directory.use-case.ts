import { duplicateUnless, type HandlerOutcome } from "#shared/events/consumer.ts";
import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type {
  assignmentFiled,
  closureAdded,
  closureRemoved,
  departmentStationed,
  staffRegistered,
  windowRegistered,
  windowUpdated,
} from "#services/catalog/contract/events.ts";
import type { ComplaintsPorts } from "../adapters/ports.ts";

type Ports = Pick<ComplaintsPorts, "directory">;

/** Who works where and in which role, from the catalog's roster: coordinators, a work order's handlers. */
export async function projectStaff(
  event: TypedEnvelope<typeof staffRegistered | typeof assignmentFiled>,
  { directory }: Ports,
): Promise<HandlerOutcome> {
  const s = event.data.staff;
  const written = await directory.saveStaff(
    {
      staffId: s.id,
      centerId: s.centerId,
      role: s.role,
      ...(s.userId ? { userId: s.userId } : {}),
      ...(s.departmentId ? { departmentId: s.departmentId } : {}),
    },
    s.version,
  );
  return duplicateUnless(written);
}

/** Departments stationed in a center: the units work orders are dispatched to. */
export const projectDepartment = async (
  event: TypedEnvelope<typeof departmentStationed>,
  { directory }: Ports,
): Promise<HandlerOutcome> =>
  duplicateUnless(
    await directory.saveDepartment(
      { centerId: event.data.department.centerId, departmentId: event.data.department.id },
      event,
    ),
  );

/** A window's center and department: a rating or complaint naming it reaches that department. */
export async function projectWindow(
  event: TypedEnvelope<typeof windowRegistered | typeof windowUpdated>,
  { directory }: Ports,
): Promise<HandlerOutcome> {
  const w = event.data.window;
  const written = await directory.saveWindow(
    {
      windowId: w.id,
      centerId: w.centerId,
      code: w.code,
      ...(w.departmentId ? { departmentId: w.departmentId } : {}),
    },
    event,
  );
  return duplicateUnless(written);
}

/** A center's closures: the appeal window of a 差评 counts the center's working days (art. 52). */
export const projectClosure = async (
  event: TypedEnvelope<typeof closureAdded | typeof closureRemoved>,
  { directory }: Ports,
): Promise<HandlerOutcome> =>
  duplicateUnless(
    await directory.saveClosure(
      { centerId: event.data.centerId, date: event.data.date, active: event.type === "center.closure-added" },
      event,
    ),
  );
