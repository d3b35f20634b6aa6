import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type {
  assignmentFiled,
  centerRegistered,
  centerUpdated,
  chiefRepresentativeAppointed,
  closureAdded,
  closureRemoved,
  departmentStationed,
  staffRegistered,
  windowRegistered,
  windowUpdated,
} from "#services/catalog/contract/events.ts";
import type { MonitoringPorts } from "../adapters/ports.ts";

type Ports = Pick<MonitoringPorts, "directory">;

/** Who works where (warning recipients) and when a center is closed (its deadlines skip the day), from the catalog. */
export async function projectStaff(
  event: TypedEnvelope<typeof staffRegistered | typeof assignmentFiled>,
  { directory }: Ports,
): Promise<void> {
  const s = event.data.staff;
  const previous = "previous" in event.data ? event.data.previous.centerId : undefined;
  await directory.saveStaff(
    {
      staffId: s.id,
      centerId: s.centerId,
      role: s.role,
      ...(s.userId ? { userId: s.userId } : {}),
      ...(s.departmentId ? { departmentId: s.departmentId } : {}),
    },
    s.version,
    previous,
  );
}

export const projectChiefRepresentative = (
  event: TypedEnvelope<typeof chiefRepresentativeAppointed>,
  { directory }: Ports,
) => directory.saveChiefRepresentative(event.data, event).then(() => undefined);

export const projectClosureAdded = (event: TypedEnvelope<typeof closureAdded>, { directory }: Ports) =>
  directory
    .saveClosure({ centerId: event.data.centerId, date: event.data.date, active: true }, event)
    .then(() => undefined);

export const projectClosureRemoved = (event: TypedEnvelope<typeof closureRemoved>, { directory }: Ports) =>
  directory
    .saveClosure({ centerId: event.data.centerId, date: event.data.date, active: false }, event)
    .then(() => undefined);

/** Departments stationed in a center: the units work orders are dispatched to. */
export const projectDepartment = (event: TypedEnvelope<typeof departmentStationed>, { directory }: Ports) =>
  directory
    .saveDepartment(
      { centerId: event.data.department.centerId, departmentId: event.data.department.id },
      event,
    )
    .then(() => undefined);

/** A window's center and department: a rating or complaint naming it reaches that department. */
export const projectWindow = (
  event: TypedEnvelope<typeof windowRegistered | typeof windowUpdated>,
  { directory }: Ports,
) => {
  const w = event.data.window;
  return directory
    .saveWindow(
      {
        windowId: w.id,
        centerId: w.centerId,
        code: w.code,
        ...(w.departmentId ? { departmentId: w.departmentId } : {}),
      },
      event,
    )
    .then(() => undefined);
};

/** Where a center sits (city → district → subdistrict): a supervisor sees the warnings of every center under theirs. */
export const projectCenter = (
  event: TypedEnvelope<typeof centerRegistered | typeof centerUpdated>,
  { directory }: Ports,
) => {
  const c = event.data.center;
  return directory.saveCenter({ centerId: c.id, name: c.name, ancestorIds: c.ancestorIds }, c.version);
};
