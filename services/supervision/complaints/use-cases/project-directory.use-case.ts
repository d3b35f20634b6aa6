import { duplicateUnless, type HandlerOutcome } from "#shared/events/consumer.ts";
import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type { assignmentFiled, staffRegistered } from "#services/catalog/contract/events.ts";
import type { ComplaintsPorts } from "../adapters/ports.ts";

/** Who works where and in which role, from the catalog's roster: the unresolved-matter desk's coordinators. */
export async function projectStaff(
  event: TypedEnvelope<typeof staffRegistered | typeof assignmentFiled>,
  { directory }: Pick<ComplaintsPorts, "directory">,
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
