import * as z from "zod";
import { defineEvent } from "#shared/events/define-event.ts";
import { MATTER_CHANNELS, MEETING_OUTCOMES, REASON_CATEGORIES, REPLY_METHODS } from "./matter-values.ts";

/**
 * Events of the unresolved-matter desk (办不成事反映, art. 13, 34), for the monitoring that finds recurring blockages
 * (堵点难点) and measures how the desk answers. Ids, categories, outcomes and times — never the applicant's name,
 * phone or ID number, nor the free text (it may hold them).
 */
const datetime = z.iso.datetime({ offset: true });
const ref = { matterId: z.string(), centerId: z.string() };

export const matterRecorded = defineEvent(
  "unresolved-matter.recorded",
  1,
  z.object({
    ...ref,
    channel: z.enum(MATTER_CHANNELS),
    reasonCategory: z.enum(REASON_CATEGORIES),
    itemId: z.string().optional(),
    applicationId: z.string().optional(),
    /** Reported by the applicant online rather than recorded by staff. */
    selfReported: z.boolean(),
    recordedAt: datetime,
  }),
  "Someone could not get a matter done; the center's unresolved-matter desk recorded it (art. 13, 34).",
);

export const matterCoordinatorAssigned = defineEvent(
  "unresolved-matter.coordinator-assigned",
  1,
  z.object({
    ...ref,
    staffId: z.string(),
    userId: z.string(),
    /** Set when this replaces an earlier coordinator. */
    previousStaffId: z.string().optional(),
    assignedAt: datetime,
  }),
  "The center's administration made a member of staff the matter's coordinator (or replaced them).",
);

export const matterCoordinationHeld = defineEvent(
  "unresolved-matter.coordination-held",
  1,
  z.object({
    ...ref,
    meetingId: z.string(),
    sequence: z.number().int().positive(),
    heldAt: datetime,
    departmentIds: z.array(z.string()),
    outcome: z.enum(MEETING_OUTCOMES),
    followUpDueOn: z.iso.date().optional(),
  }),
  "A case-by-case coordination meeting (专事专议, art. 34) was held on the matter with the departments concerned.",
);

export const matterReplied = defineEvent(
  "unresolved-matter.replied",
  1,
  z.object({
    ...ref,
    method: z.enum(REPLY_METHODS),
    resolved: z.boolean(),
    reasonCategory: z.enum(REASON_CATEGORIES),
    meetingCount: z.number().int().min(0),
    /** With `repliedAt`, how long the applicant waited for an answer. */
    recordedAt: datetime,
    repliedAt: datetime,
  }),
  "The applicant was answered, the matter resolved or not; the matter is closed.",
);

export const matterApplicationLinked = defineEvent(
  "unresolved-matter.application-linked",
  1,
  z.object({ ...ref, applicationId: z.string(), linkedAt: datetime }),
  "The application the matter finally led to was linked to it: what could not be done got done.",
);

export const matterEvents = [
  matterRecorded,
  matterCoordinatorAssigned,
  matterCoordinationHeld,
  matterReplied,
  matterApplicationLinked,
] as const;
