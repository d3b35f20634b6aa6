import * as z from "zod";
import { defineEvent } from "#shared/events/define-event.ts";
import {
  APPEAL_GROUNDS,
  HOTLINE_VERIFICATION_OUTCOMES,
  RATING_CHANNELS,
  RATING_LEVELS,
} from "./rating-values.ts";

const datetime = z.iso.datetime({ offset: true });
const ratingRef = {
  ratingId: z.string(),
  centerId: z.string(),
  departmentId: z.string().optional(),
  level: z.enum(RATING_LEVELS),
  month: z.string(),
};
const rectificationRef = {
  rectificationId: z.string(),
  ratingId: z.string(),
  centerId: z.string(),
  departmentId: z.string().optional(),
  /** The rated month it counts in (its rating's): absent in events from before issue 22. */
  month: z.string().optional(),
};

export const ratingSubmitted = defineEvent(
  "rating.submitted",
  1,
  z.object({
    ...ratingRef,
    subject: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("ticket"), ticketId: z.string() }),
      z.object({ kind: z.literal("application"), applicationId: z.string() }),
    ]),
    channel: z.enum(RATING_CHANNELS),
    windowId: z.string().optional(),
    itemId: z.string().optional(),
    staffId: z.string().optional(),
    realName: z.boolean(),
    ratedAt: datetime,
  }),
  "An applicant rated a service visit or a case (好差评, art. 52(三)).",
);

export const ratingAppealed = defineEvent(
  "rating.appealed",
  1,
  z.object({ ...ratingRef, grounds: z.enum(APPEAL_GROUNDS), appealedAt: datetime }),
  "The responsible unit appealed a 差评 as mistaken or malicious (申诉复核).",
);

export const ratingAppealDecided = defineEvent(
  "rating.appeal-decided",
  1,
  z.object({ ...ratingRef, upheld: z.boolean(), decidedAt: datetime }),
  "A supervisor decided an appeal; an upheld one excludes the rating from the rates.",
);

export const ratingHotlineVerified = defineEvent(
  "rating.hotline-verified",
  1,
  z.object({
    ...ratingRef,
    verificationId: z.string(),
    outcome: z.enum(HOTLINE_VERIFICATION_OUTCOMES),
    verifiedAt: datetime,
  }),
  "The 12345 system verified a real-name 差评 handed to it (核实, art. 52): confirmed, not confirmed, or the rater unreachable.",
);

export const rectificationOpened = defineEvent(
  "rectification.opened",
  1,
  z.object({ ...rectificationRef, openedAt: datetime, dueAt: datetime, days: z.number() }),
  "A 差评 opened a rectification for the responsible department (Beijing: 7 days); its clock starts.",
);

export const rectificationFollowUpCalled = defineEvent(
  "rectification.follow-up-called",
  1,
  z.object({ ...rectificationRef, calledAt: datetime, reached: z.boolean() }),
  "The follow-up call to the rater (回访) was made.",
);

export const rectificationCompleted = defineEvent(
  "rectification.completed",
  1,
  z.object({ ...rectificationRef, completedAt: datetime, onTime: z.boolean() }),
  "The department recorded the measures taken; the rectification clock stops.",
);

export const rectificationCancelled = defineEvent(
  "rectification.cancelled",
  1,
  z.object({ ...rectificationRef, cancelledAt: datetime, reason: z.string() }),
  "The rating was excluded on appeal: nothing is left to rectify; the clock stops.",
);

export const ratingEvents = [
  ratingSubmitted,
  ratingAppealed,
  ratingAppealDecided,
  ratingHotlineVerified,
  rectificationOpened,
  rectificationFollowUpCalled,
  rectificationCompleted,
  rectificationCancelled,
] as const;
