import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type {
  assignmentFiled,
  chiefRepresentativeAppointed,
  departmentStationed,
  guidePublished,
  itemStatusChanged,
  staffRegistered,
} from "#services/catalog/events.ts";
import type { ReviewPorts } from "../adapters/ports.ts";

type Ports = Pick<ReviewPorts, "reference">;

/** Review's projections of the catalog; each moves forward only, so reordered or repeated events are harmless. */
export async function projectAuthorization(
  event: TypedEnvelope<typeof itemStatusChanged>,
  { reference }: Ports,
): Promise<void> {
  const { centerId, itemId, status } = event.data;
  await reference.saveAuthorization(
    { centerId, itemId, authorization: status.status === "resident" ? status.authorization : undefined },
    event,
  );
}

export async function projectGuideTerms(
  event: TypedEnvelope<typeof guidePublished>,
  { reference }: Ports,
): Promise<void> {
  const { itemId, version, guide } = event.data;
  await reference.saveGuide({
    itemId,
    version,
    materials: guide.materials.map((m) => ({ name: m.name })),
    checkpoints: guide.checkpoints,
  });
}

export async function projectStaff(
  event: TypedEnvelope<typeof staffRegistered | typeof assignmentFiled>,
  { reference }: Ports,
): Promise<void> {
  const s = event.data.staff;
  await reference.saveRosterEntry(
    {
      staffId: s.id,
      name: s.name,
      centerId: s.centerId,
      departmentId: s.departmentId,
      role: s.role,
      head: s.head ?? false,
      ...(s.userId ? { userId: s.userId } : {}),
    },
    s.version,
  );
  if (!s.userId) return;
  await reference.saveStaff(
    { staffId: s.id, userId: s.userId, centerId: s.centerId, departmentId: s.departmentId, role: s.role },
    s.version,
  );
}

export async function projectDepartment(
  event: TypedEnvelope<typeof departmentStationed>,
  { reference }: Ports,
): Promise<void> {
  await reference.saveDepartment(event.data.department, event);
}

export async function projectChiefRepresentative(
  event: TypedEnvelope<typeof chiefRepresentativeAppointed>,
  { reference }: Ports,
): Promise<void> {
  const department = await reference.department(event.data.departmentId);
  if (department)
    await reference.saveDepartment({ ...department, chiefRepresentativeId: event.data.staffId }, event);
}
