import { duplicateUnless, type HandlerOutcome } from "#shared/events/consumer.ts";
import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type {
  centerRegistered,
  centerUpdated,
  guidePublished,
  itemRegistered,
} from "#services/catalog/contract/events.ts";
import type {
  acceptedWithDeficiencies,
  applicationAccepted,
  applicationRejected,
  applicationSubmitted,
  contactProvided,
  correctionRequested,
  deemedAccepted,
  deficiencyCured,
  applicationSupplemented,
} from "#services/intake/contract/events.ts";
import {
  PROCEDURE_NAMES,
  type procedureCompleted,
  type procedureStarted,
  type reviewDecided,
  type reviewExtended,
} from "#services/review/contract/events.ts";
import type { warningRaised } from "#services/supervision/monitoring/contract/events.ts";
import type { appointmentCalendarConflict } from "#services/intake/contract/queue-events.ts";
import type { CommonDeliveryPorts, DeliveryPorts } from "../adapters/ports.ts";
import { durationText, METHOD_NAMES } from "../domain/results.ts";
import type {
  codeLocked,
  deliveryCompleted,
  deliveryReady,
  deliveryReturned,
} from "../contract/result-events.ts";
import { chineseDate, chineseDateTime } from "#shared/documents/printable-page.ts";
import { notifyApplicant, notifyInbox, notifyStaff, type Told } from "./notify.use-case.ts";
import { openDelivery } from "./result-delivery.use-case.ts";

/** With the message provider: SMS and email are sent at once, their first attempt here (notify.use-case.ts). */
type Ports = CommonDeliveryPorts & Pick<DeliveryPorts, "provider">;
const source = (e: { id: string; correlationId: string }) => ({ id: e.id, correlationId: e.correlationId });

/**
 * Every handler here is idempotent through its own conditional writes, so the consumer keeps no idempotency record
 * for them (`ownIdempotency` in handlers/on-event.handler.ts; issue 21: two writes per event saved). Applied again,
 * each does what is left — facts merged with SET, notifications by derived ids (a `created` one without its event gets
 * it), a delivery opened only if absent — and says `"duplicate"` when a previous delivery had done it all: nothing it
 * merges changed, and every notification it tells existed. An event that has nothing to write (no channel to use, an
 * electronic completion) is applied each time, as a no-op.
 */
const outcomeOf = (changed: boolean, ...told: Told[]): HandlerOutcome => {
  const created = told.reduce((n, t) => n + t.created, 0);
  const existed = told.reduce((n, t) => n + t.existed, 0);
  return !changed && created === 0 && existed > 0 ? "duplicate" : undefined;
};
const told = async (telling: Promise<Told>) => outcomeOf(false, await telling);

// What delivery learns about cases and reference data.
export const onContact = async (e: TypedEnvelope<typeof contactProvided>, p: Ports) =>
  duplicateUnless(
    await p.cases.merge(e.data.applicationId, {
      centerId: e.data.centerId,
      ownerId: e.data.ownerId,
      applicantName: e.data.applicantName,
      holder: e.data.holder,
      channels: e.data.channels,
      phone: e.data.phone,
      email: e.data.email,
      recordedBy: e.data.recordedBy,
    }),
  );
export const onItem = (e: TypedEnvelope<typeof itemRegistered>, p: Ports) =>
  p.cases.saveItemName(e.data.itemId, e.data.name).then(duplicateUnless);
export const onGuide = (e: TypedEnvelope<typeof guidePublished>, p: Ports) =>
  p.cases.saveGuide(e.data.itemId, e.data.version, e.data.guide.deliveryMethods).then(duplicateUnless);
export const onCenter = (e: TypedEnvelope<typeof centerRegistered | typeof centerUpdated>, p: Ports) =>
  p.cases.saveCenterName(e.data.center.id, e.data.center.name, e.data.center.version).then(duplicateUnless);

// Art. 31: every state change the applicant cares about.
export async function onSubmitted(e: TypedEnvelope<typeof applicationSubmitted>, p: Ports) {
  const changed = await p.cases.merge(e.data.applicationId, {
    centerId: e.data.centerId,
    itemId: e.data.itemId,
    ownerId: e.data.ownerId,
    guideVersion: e.data.guideVersion,
  });
  return outcomeOf(
    changed,
    await notifyApplicant(e.data.applicationId, "application.submitted", {}, source(e), p),
  );
}
export async function onAccepted(
  e: TypedEnvelope<typeof applicationAccepted | typeof deemedAccepted>,
  p: Ports,
) {
  // The guide version, in case this overtook `application.submitted` (the result's delivery needs it); the committed
  // limit is only this event's message, which takes it from the event — no later step reads it from the facts.
  const changed = await p.cases.merge(e.data.applicationId, { guideVersion: e.data.guideVersion });
  return outcomeOf(
    changed,
    await notifyApplicant(
      e.data.applicationId,
      e.type,
      { committedLimitDays: e.data.committedLimitDays },
      source(e),
      p,
    ),
  );
}
/** A deadline counted on a provisional year says so (the notice itself carries the full sentence). */
const shownDeadline = (date: string, calendar: string | undefined) =>
  `${chineseDate(date)}${calendar === "provisional" ? "（按法定节假日推算）" : ""}`;

export const onCorrection = (e: TypedEnvelope<typeof correctionRequested>, p: Ports) =>
  told(
    notifyApplicant(
      e.data.applicationId,
      e.type,
      {
        deadline: shownDeadline(e.data.deadline, e.data.deadlineCalendar),
        items: e.data.items.map((i) => i.material ?? i.checkpoint).join("、"),
      },
      source(e),
      p,
    ),
  );
export const onTolerant = (e: TypedEnvelope<typeof acceptedWithDeficiencies>, p: Ports) =>
  told(
    notifyApplicant(
      e.data.applicationId,
      e.type,
      {
        cureDeadline: shownDeadline(e.data.cureDeadline, e.data.cureDeadlineCalendar),
        materials: e.data.missingMaterials.join("、"),
      },
      source(e),
      p,
    ),
  );
export const onSupplemented = (e: TypedEnvelope<typeof applicationSupplemented>, p: Ports) =>
  told(
    notifyApplicant(e.data.applicationId, e.type, { materials: e.data.materials.join("、") }, source(e), p),
  );
export const onCured = (e: TypedEnvelope<typeof deficiencyCured>, p: Ports) =>
  told(notifyApplicant(e.data.applicationId, e.type, {}, source(e), p));
export const onRejected = (e: TypedEnvelope<typeof applicationRejected>, p: Ports) =>
  told(notifyApplicant(e.data.applicationId, e.type, { reasons: e.data.reasons.join("；") }, source(e), p));
export const onProcedureStarted = (e: TypedEnvelope<typeof procedureStarted>, p: Ports) =>
  told(
    notifyApplicant(
      e.data.applicationId,
      e.type,
      { procedure: PROCEDURE_NAMES[e.data.kind], days: e.data.expectedWorkingDays },
      source(e),
      p,
    ),
  );
export const onProcedureCompleted = (e: TypedEnvelope<typeof procedureCompleted>, p: Ports) =>
  told(
    notifyApplicant(e.data.applicationId, e.type, { procedure: PROCEDURE_NAMES[e.data.kind] }, source(e), p),
  );
export const onExtended = (e: TypedEnvelope<typeof reviewExtended>, p: Ports) =>
  told(
    notifyApplicant(
      e.data.applicationId,
      e.type,
      { reason: e.data.reason, days: e.data.extraWorkingDays },
      source(e),
      p,
    ),
  );

/** A decision: tell the applicant, and open the result's delivery (art. 32). */
export async function onDecided(e: TypedEnvelope<typeof reviewDecided>, p: Ports) {
  const opened = await openDelivery(e, p);
  const notified = await notifyApplicant(
    e.data.applicationId,
    e.type,
    { decision: e.data.decision === "approved" ? "准予许可" : "不予许可" },
    source(e),
    p,
  );
  return outcomeOf(opened, notified);
}

/** How staff read a warning's level and stage (GLOSSARY.md), never the internal codes. */
const LEVEL_NAMES = { reminder: "提醒", yellow: "黄灯", red: "红灯" } as const;
const STAGE_NAMES: Record<string, string> = {
  acceptance: "受理",
  review: "审查",
  procedure: "特殊程序",
  cure: "容缺补正",
  delivery: "送达",
  case: "全流程",
  hotlineReply: "12345工单答复",
  rectification: "差评整改",
};

/**
 * A tiered warning: the staff it names, in their own inboxes (never the applicant's case: a staff warning is no
 * message to the applicant); the applicant is told separately when it affects them (an overdue case).
 */
export async function onWarning(e: TypedEnvelope<typeof warningRaised>, p: Ports) {
  const staff = await notifyStaff(
    e.data.recipients,
    {
      level: LEVEL_NAMES[e.data.level],
      stage: STAGE_NAMES[e.data.stage] ?? e.data.stage,
      applicationId: e.data.applicationId ?? "—",
      dueAt: chineseDateTime(e.data.dueAt),
    },
    {
      ...source(e),
      applicationId: e.data.applicationId,
      centerId: e.data.centerId,
      warning: {
        level: e.data.level,
        stage: e.data.stage,
        dueAt: e.data.dueAt,
        ...(e.data.applicationId ? { applicationId: e.data.applicationId } : {}),
      },
    },
    p,
  );
  const applicant =
    e.data.notifyApplicant && e.data.applicationId
      ? await notifyApplicant(e.data.applicationId, e.type, {}, source(e), p)
      : { created: 0, existed: 0 };
  return outcomeOf(false, staff, applicant);
}

/** A booking a published holiday schedule put on a closed day: its owner is told in their inbox (the center lists it). */
export async function onAppointmentCalendarConflict(
  e: TypedEnvelope<typeof appointmentCalendarConflict>,
  p: Ports,
) {
  if (!e.data.ownerId) return undefined; // booked for someone without an account: the center calls them from its list
  const [itemName, centerName] = await Promise.all([
    p.cases.itemName(e.data.itemId),
    p.cases.centerName(e.data.centerId),
  ]);
  return told(
    notifyInbox(
      e.type,
      { kind: "applicant", userIds: [e.data.ownerId] },
      {
        centerName: centerName || "政务服务中心",
        itemName: itemName || "预约事项",
        slot: `${chineseDate(e.data.slotStart.slice(0, 10))} ${e.data.slotStart.slice(11, 16)}`,
        year: e.data.year,
        holiday: e.data.holiday ?? "休息日",
      },
      { ...source(e), centerId: e.data.centerId },
      p,
    ),
  );
}

// Art. 32: where the result is and when it arrived. Delivery hears its own events so that a notification failure
// never rolls back a handover.
export const onDeliveryReady = (e: TypedEnvelope<typeof deliveryReady>, p: Ports) =>
  told(
    notifyApplicant(
      e.data.applicationId,
      e.type,
      {
        instructions: e.data.instructions,
        // The SMS (templates.ts, delivery.ready v3): an electronic result is told where it is, without its link.
        readyBy:
          e.data.method === "electronic"
            ? `已电子送达，请登录北京政务服务网查看，${durationText(p.policy.resultLinkHours)}内有效。`
            : `可领取：${e.data.instructions}`,
      },
      source(e),
      p,
    ),
  );
export const onCodeLocked = (e: TypedEnvelope<typeof codeLocked>, p: Ports) =>
  told(notifyApplicant(e.data.applicationId, e.type, {}, source(e), p));
export const onDeliveryReturned = (e: TypedEnvelope<typeof deliveryReturned>, p: Ports) =>
  told(notifyApplicant(e.data.applicationId, e.type, {}, source(e), p));
// An electronic result is completed as it is pushed: the `delivery.ready` message that carries its link says all a
// second message would (issue 21: one message where one can say what two said), so only other methods' completion is
// told.
export const onDeliveryCompleted = async (e: TypedEnvelope<typeof deliveryCompleted>, p: Ports) => {
  if (e.data.method === "electronic") return undefined;
  return told(
    notifyApplicant(e.data.applicationId, e.type, { method: METHOD_NAMES[e.data.method] }, source(e), p),
  );
};
