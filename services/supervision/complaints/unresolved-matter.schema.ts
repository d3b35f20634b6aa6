import * as z from "zod";
import { dateTimeString, historyEntrySchema, pageOf } from "#shared/http/schemas.ts";
import {
  COORDINATOR_ROLES,
  MATTER_CHANNELS,
  MATTER_STATES,
  MEETING_OUTCOMES,
  REASON_CATEGORIES,
  REPLY_METHODS,
} from "./domain/unresolved-matter.ts";

/**
 * The answers of the unresolved-matter desk (办不成事反映, art. 13, 34; issue 16), described once for the contract and
 * its test. Phone and ID numbers come masked in lists, so they are described as strings, never by the input rules.
 */
const datetime = dateTimeString;
const outcome = z.enum(MEETING_OUTCOMES);

const applicant = z.object({
  name: z.string(),
  phone: z.string().meta({ description: "Masked (138****5678) in lists" }).optional(),
  idNumber: z.string().meta({ description: "Masked (110105********002X) in lists" }).optional(),
});

const reason = z.object({ category: z.enum(REASON_CATEGORIES), detail: z.string() });

const resultingApplication = z.object({
  applicationId: z.string(),
  linkedAt: datetime,
  linkedBy: z.string(),
});

/** What the matter and the applicant's view share. */
const matterFields = {
  id: z.string(),
  centerId: z.string(),
  channel: z.enum(MATTER_CHANNELS),
  applicant,
  ownerId: z.string().optional(),
  itemId: z.string().optional(),
  applicationId: z.string().optional(),
  request: z.string(),
  obstacle: z.string(),
  reason,
  state: z.enum(MATTER_STATES),
  meetingCount: z.number().int(),
  recordedAt: datetime,
  updatedAt: datetime,
  version: z.number().int(),
};

/** The matter as staff see it and as every change answers it. */
export const unresolvedMatterSchema = z
  .object({
    ...matterFields,
    resultingApplication: resultingApplication.optional(),
    coordinator: z
      .object({
        staffId: z.string(),
        userId: z.string(),
        role: z.enum(COORDINATOR_ROLES),
        departmentId: z.string().optional(),
        assignedAt: datetime,
        assignedBy: z.string(),
      })
      .optional(),
    lastMeeting: z.object({ id: z.string(), heldAt: datetime, outcome }).optional(),
    reply: z
      .object({
        text: z.string(),
        method: z.enum(REPLY_METHODS),
        resolved: z.boolean(),
        repliedAt: datetime,
        repliedBy: z.string(),
      })
      .optional(),
    recordedBy: z.object({ id: z.string(), role: z.string() }),
  })
  .meta({ id: "UnresolvedMatter" });

/** A case-by-case coordination meeting (专事专议, art. 34). */
export const unresolvedMatterMeetingSchema = z
  .object({
    id: z.string(),
    matterId: z.string(),
    sequence: z.number().int(),
    heldAt: datetime,
    departmentIds: z.array(z.string()),
    attendees: z.array(
      z.object({ name: z.string(), departmentId: z.string().optional(), title: z.string().optional() }),
    ),
    discussion: z.string(),
    decisions: z.array(z.string()),
    outcome,
    followUp: z.object({ owner: z.string(), action: z.string(), dueOn: z.string().optional() }).optional(),
    recordedAt: datetime,
    recordedBy: z.string(),
  })
  .meta({ id: "UnresolvedMatterMeeting" });

export const unresolvedMatterMeetingRecordedSchema = z
  .object({ matter: unresolvedMatterSchema, meeting: unresolvedMatterMeetingSchema })
  .meta({ id: "UnresolvedMatterMeetingRecorded" });

/** Staff of the matter's center: the matter with its meetings and history. */
export const unresolvedMatterDetailSchema = unresolvedMatterSchema
  .extend({ meetings: z.array(unresolvedMatterMeetingSchema), history: z.array(historyEntrySchema) })
  .meta({ id: "UnresolvedMatterDetail" });

/**
 * The applicant who reported it: their matter, the reply and when meetings were held with what outcome — not the
 * coordinator, who recorded it, or the meetings' discussion and attendees.
 */
export const unresolvedMatterForApplicantSchema = z
  .object({
    ...matterFields,
    resultingApplication: resultingApplication.omit({ linkedBy: true }).optional(),
    reply: z
      .object({ text: z.string(), method: z.enum(REPLY_METHODS), resolved: z.boolean(), repliedAt: datetime })
      .optional(),
    meetings: z.array(z.object({ sequence: z.number().int(), heldAt: datetime, outcome })),
  })
  .meta({ id: "UnresolvedMatterForApplicant" });

/** GET of one matter: staff of its center see the detail, the applicant who reported it their view. */
export const unresolvedMatterViewSchema = z.union([
  unresolvedMatterDetailSchema,
  unresolvedMatterForApplicantSchema,
]);

/** A matter in the desk's list: phone, ID number and any number in the free text masked. */
export const unresolvedMatterSummarySchema = z
  .object({
    id: z.string(),
    centerId: z.string(),
    channel: z.enum(MATTER_CHANNELS),
    state: z.enum(MATTER_STATES),
    applicant,
    itemId: z.string().optional(),
    applicationId: z.string().optional(),
    request: z.string(),
    reasonCategory: z.enum(REASON_CATEGORIES),
    coordinatorStaffId: z.string().optional(),
    meetingCount: z.number().int(),
    resolved: z.boolean().optional(),
    repliedAt: datetime.optional(),
    resultingApplicationId: z.string().optional(),
    recordedAt: datetime,
    updatedAt: datetime,
    version: z.number().int(),
  })
  .meta({ id: "UnresolvedMatterSummary" });

export const unresolvedMatterPageSchema = pageOf(unresolvedMatterSummarySchema, "UnresolvedMatterPage");
