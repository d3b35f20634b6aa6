import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { assertCenterScope } from "#shared/auth/principal.ts";
import { NotFoundError, ValidationError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import type { Consultation, ConsultationInput } from "../domain/consultation.ts";
import { oneTimeNotice } from "../domain/one-time-notice.ts";
import { consultationRecorded } from "../contract/events.ts";

type Ports = Pick<IntakePorts, "consultations" | "reference" | "clock" | "ids">;

/**
 * Record a consultation (art. 19–20, 23–24). The staff member recording it answered it: the first-contact owner.
 * Asking about an item attaches the one-time notice from the item's guide in force, so the answer is complete at once.
 */
export async function recordConsultation(
  input: ConsultationInput,
  caller: Caller,
  ports: Ports,
): Promise<Consultation> {
  const centerId = caller.principal.centerId!;
  let notice;
  if (input.itemId) {
    const [guide, center] = await Promise.all([
      ports.reference.currentGuide(input.itemId),
      ports.reference.center(centerId),
    ]);
    if (!guide)
      throw new ValidationError([{ path: ["itemId"], message: "no such item, or no published guide" }]);
    // Art. 20: told at once, with where and when in this center and whom to ask.
    notice = oneTimeNotice(guide, center);
  }
  const consultation: Consultation = {
    ...input,
    id: ports.ids.next("csl"),
    centerId,
    firstContactOwnerId: caller.principal.sub,
    recordedAt: ports.clock.now().toISOString(),
    oneTimeNotice: notice,
  };
  const event = newEvent(
    consultationRecorded,
    {
      consultationId: consultation.id,
      centerId,
      channel: consultation.channel,
      itemId: consultation.itemId,
      firstContactOwnerId: consultation.firstContactOwnerId,
      recordedAt: consultation.recordedAt,
      oneTimeNoticeGuideVersion: notice?.guideVersion,
    },
    causedBy(caller, "intake", consultation.id),
    ports,
  );
  await ports.consultations.create(consultation, event);
  return consultation;
}

export async function getConsultation(id: string, caller: Caller, ports: Ports): Promise<Consultation> {
  const consultation = await ports.consultations.get(id);
  if (!consultation) throw new NotFoundError(`Consultation ${id} does not exist.`);
  assertCenterScope(caller.principal, consultation.centerId);
  // A notice recorded before guides had English texts (art. 15) has no language: it was Chinese, with no English.
  const notice = consultation.oneTimeNotice;
  if (!notice) return consultation;
  return {
    ...consultation,
    oneTimeNotice: {
      ...notice,
      language: notice.language ?? "zh",
      englishAvailable: notice.englishAvailable ?? false,
    },
  };
}
