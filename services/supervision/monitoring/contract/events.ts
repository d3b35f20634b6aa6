import * as z from "zod";
import { CALENDAR_SOURCES } from "#shared/calendar/holiday-schedule.ts";
import { defineEvent } from "#shared/events/define-event.ts";

/**
 * Monitoring's clock events other services act on, raised by the sweep: the clock only reports that a deadline
 * passed; the owning service decides (intake deems the application accepted, review denies).
 */
export const acceptanceWindowExpired = defineEvent(
  "clock.acceptance-window-expired",
  1,
  z.object({
    applicationId: z.string(),
    centerId: z.string(),
    /** When the materials arrived: a deemed acceptance dates from then (行政许可法 art. 32; art. 27(二)). */
    materialsArrivedAt: z.iso.datetime({ offset: true }),
    deadline: z.iso.datetime({ offset: true }),
  }),
  "Five working days passed after the materials arrived with no acceptance decision or correction notice.",
);

export const cureDeadlineExpired = defineEvent(
  "clock.cure-deadline-expired",
  1,
  z.object({
    applicationId: z.string(),
    centerId: z.string(),
    deadline: z.iso.datetime({ offset: true }),
    missingMaterials: z.array(z.string()),
  }),
  "A tolerant acceptance's cure deadline passed with deficiencies left (art. 27(三)): review denies.",
);

/**
 * A tiered warning (分级预警, art. 21; DOMAIN.md): raised once per level per clock (and round) by the sweep; delivery
 * turns it into notifications to the recipients supervision resolved.
 */
export const warningRaised = defineEvent(
  "clock.warning-raised",
  1,
  z.object({
    warningId: z.string(),
    clockId: z.string(),
    level: z.enum(["reminder", "yellow", "red"]),
    stage: z.string(),
    centerId: z.string(),
    departmentId: z.string().optional(),
    applicationId: z.string().optional(),
    dueAt: z.iso.datetime({ offset: true }),
    raisedAt: z.iso.datetime({ offset: true }),
    /** Staff to tell (sign-in ids): the handler; from yellow the chief representative; at red the administration. */
    recipients: z.array(z.string()),
    /** Whether the applicant is told too (an overdue case affects them). */
    notifyApplicant: z.boolean(),
  }),
  "A clock reached a warning level: reminder at 50%, yellow at 75% or one working day left, red when overdue.",
);

export const warningPolicySet = defineEvent(
  "warning-policy.set",
  1,
  z.object({
    centerId: z.string(),
    reminderShare: z.number(),
    yellowShare: z.number(),
    yellowWorkingDaysLeft: z.number(),
    version: z.number().int(),
  }),
  "A center set its own warning thresholds (DOMAIN.md: configurable per center); clocks started from then on use them.",
);

export const deadlineMoved = defineEvent(
  "clock.deadline-moved",
  1,
  z.object({
    clockId: z.string(),
    subjectId: z.string(),
    stage: z.string(),
    centerId: z.string(),
    departmentId: z.string().optional(),
    applicationId: z.string().optional(),
    previousDueAt: z.iso.datetime({ offset: true }).optional(),
    dueAt: z.iso.datetime({ offset: true }),
    calendar: z.enum(CALENDAR_SOURCES),
    /** The published year that moved it, and its version. */
    year: z.number().int(),
    calendarVersion: z.number().int(),
    movedAt: z.iso.datetime({ offset: true }),
  }),
  "A year's holiday schedule was published and a clock's deadline (and the warnings still to come) moved with it; warnings already raised stay raised.",
);

/**
 * A case's whole-case clock stopped: the result was made available or delivered (`madeAvailable`… → `completed`), or
 * the application was rejected (`rejected`). Issue 22: complaints rates a case only once it is complete (art. 52(三))
 * and learns that, with where and by whom the case was handled, from this event instead of reading the clock.
 */
export const caseClockStopped = defineEvent(
  "clock.case-stopped",
  1,
  z.object({
    applicationId: z.string(),
    centerId: z.string(),
    departmentId: z.string().optional(),
    itemId: z.string().optional(),
    /** The applicant who owns the case: the one who may rate it. */
    ownerId: z.string().optional(),
    stoppedAt: z.iso.datetime({ offset: true }),
    /** The clock's outcome: `completed` or `rejected`. */
    outcome: z.string(),
  }),
  "A case's whole-case clock stopped (completed or rejected): the case may now be rated.",
);

export const supervisionEvents = [
  acceptanceWindowExpired,
  cureDeadlineExpired,
  warningRaised,
  warningPolicySet,
  deadlineMoved,
  caseClockStopped,
];
