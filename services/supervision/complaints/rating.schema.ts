import * as z from "zod";
import { dateTimeString, pageOf } from "#shared/http/schemas.ts";
import {
  APPEAL_GROUNDS,
  HOTLINE_VERIFICATION_OUTCOMES,
  RATING_CHANNELS,
  RATING_LEVELS,
} from "./domain/rating.ts";

/** The answers about ratings (好差评) and rectifications (issue 16), described once for the contract and its test. */
const datetime = dateTimeString;
const level = z.enum(RATING_LEVELS);

export const ratingSchema = z
  .object({
    id: z.string(),
    subject: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("ticket"), ticketId: z.string() }),
      z.object({ kind: z.literal("application"), applicationId: z.string() }),
    ]),
    mode: z.enum(["offline", "online"]),
    level,
    dimensions: z.record(z.string(), level),
    channel: z.enum(RATING_CHANNELS),
    centerId: z.string(),
    departmentId: z.string().optional(),
    windowId: z.string().optional(),
    itemId: z.string().optional(),
    staffId: z.string().optional(),
    raterId: z.string().optional(),
    realName: z.boolean(),
    comment: z.string().optional(),
    servedAt: datetime,
    ratedAt: datetime,
    month: z.string(),
    rectificationId: z.string().optional(),
    appeal: z
      .object({
        grounds: z.enum(APPEAL_GROUNDS),
        reason: z.string(),
        by: z.string(),
        at: datetime,
        state: z.enum(["pending", "upheld", "rejected"]),
        decision: z.object({ reviewerId: z.string(), reason: z.string(), at: datetime }).optional(),
      })
      .optional(),
    hotlineVerification: z
      .object({
        verificationId: z.string(),
        outcome: z.enum(HOTLINE_VERIFICATION_OUTCOMES),
        verifiedAt: datetime,
        notes: z.string().optional(),
        recordedAt: datetime,
      })
      .optional()
      .meta({ description: "The 12345 system's verification of a real-name 差评 (art. 52)" }),
    excluded: z.boolean(),
    version: z.number().int(),
    updatedAt: datetime,
  })
  .meta({ id: "Rating" });

export const rectificationSchema = z
  .object({
    id: z.string(),
    ratingId: z.string(),
    centerId: z.string(),
    departmentId: z.string().optional(),
    level,
    realName: z.boolean(),
    month: z.string(),
    state: z.enum(["open", "completed", "cancelled"]),
    openedAt: datetime,
    dueAt: datetime,
    followUpCall: z
      .object({ calledAt: datetime, reached: z.boolean(), notes: z.string().optional(), by: z.string() })
      .optional(),
    measures: z.string().optional(),
    completedAt: datetime.optional(),
    onTime: z.boolean().optional(),
    cancelledReason: z.string().optional(),
    version: z.number().int(),
    updatedAt: datetime,
  })
  .meta({ id: "Rectification" });

export const ratingSubmittedSchema = z
  .object({ rating: ratingSchema, rectification: rectificationSchema.optional() })
  .meta({ id: "RatingSubmitted" });

export const rectificationPageSchema = pageOf(rectificationSchema, "RectificationPage");
