import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type {
  assignmentFiled,
  chiefRepresentativeAppointed,
  departmentStationed,
  guidePublished,
  itemStatusChanged,
  staffRegistered,
} from "#services/catalog/contract/events.ts";
import { duplicateUnless, type HandlerOutcome } from "#shared/events/consumer.ts";
import type { ReviewPorts } from "../adapters/ports.ts";

type Ports = Pick<ReviewPorts, "reference">;

/**
 * Review's projections of the catalog; each moves forward only, so reordered or repeated events are harmless. Each
 * write is conditional on being newer than what is held: when none was written, the event was applied before (or a
 * newer one was) — "duplicate", and no idempotency record is kept for them (issue 21).
 */
export async function projectAuthorization(
  event: TypedEnvelope<typeof itemStatusChanged>,
  { reference }: Ports,
): Promise<HandlerOutcome> {
  const { centerId, itemId, status } = event.data;
  return duplicateUnless(
    await reference.saveAuthorization(
      { centerId, itemId, authorization: status.status === "resident" ? status.authorization : undefined },
      event,
    ),
  );
}

export async function projectGuideTerms(
  event: TypedEnvelope<typeof guidePublished>,
  { reference }: Ports,
): Promise<HandlerOutcome> {
  const { itemId, version, guide } = event.data;
  return duplicateUnless(
    await reference.saveGuide({
      itemId,
      version,
      materials: guide.materials.map((m) => ({ name: m.name })),
      checkpoints: guide.checkpoints,
      // Kept so that a task on this version refers to it rather than copying it (task-store.ts, issue 21).
      ...(guide.legalBasis ? { legalBasis: guide.legalBasis } : {}),
    }),
  );
}

export async function projectStaff(
  event: TypedEnvelope<typeof staffRegistered | typeof assignmentFiled>,
  { reference }: Ports,
): Promise<HandlerOutcome> {
  const s = event.data.staff;
  // Two writes: a redelivery after the first still makes the second (each is conditional on its own).
  const roster = await reference.saveRosterEntry(
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
  if (!s.userId) return duplicateUnless(roster);
  const staff = await reference.saveStaff(
    { staffId: s.id, userId: s.userId, centerId: s.centerId, departmentId: s.departmentId, role: s.role },
    s.version,
  );
  return duplicateUnless(roster, staff);
}

export async function projectDepartment(
  event: TypedEnvelope<typeof departmentStationed>,
  { reference }: Ports,
): Promise<HandlerOutcome> {
  return duplicateUnless(await reference.saveDepartment(event.data.department, event));
}

export async function projectChiefRepresentative(
  event: TypedEnvelope<typeof chiefRepresentativeAppointed>,
  { reference }: Ports,
): Promise<HandlerOutcome> {
  const department = await reference.department(event.data.departmentId);
  if (!department) return;
  return duplicateUnless(
    await reference.saveDepartment({ ...department, chiefRepresentativeId: event.data.staffId }, event),
  );
}
