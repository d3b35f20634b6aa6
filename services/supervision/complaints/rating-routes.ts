import * as z from "zod";
import { STAFF_ROLES } from "#shared/auth/roles.ts";
import {
  commonErrors,
  conflict,
  idSchema,
  notFound,
  pageQuery,
  unprocessable,
  monthSchema,
  problemSchema,
} from "#shared/http/schemas.ts";
import { route } from "#shared/manifest/types.ts";
import { supervisionRatesSchema } from "./rates.schema.ts";
import {
  APPEAL_GROUNDS,
  HOTLINE_VERIFICATION_OUTCOMES,
  RATING_CHANNELS,
  RATING_LEVELS,
} from "./domain/rating.ts";
import {
  ratingSchema,
  ratingSubmittedSchema,
  rectificationPageSchema,
  rectificationSchema,
} from "./rating.schema.ts";

const level = z.enum(RATING_LEVELS);
const text = (max: number) => z.string().trim().min(1).max(max);
const ratingParams = z.object({ ratingId: idSchema("rtg") });
const rectParams = z.object({ rectificationId: idSchema("rct") });
const errors = { ...commonErrors, ...notFound, ...conflict, ...unprocessable };

export const ratingRoutes = {
  rates: route("GET /v1/supervision/rates", {
    handler: "get-supervision-rates",
    auth: ["admin", "supervisor"],
    summary:
      "A center's month (art. 52–54): work-order response, on-time, resolution and satisfaction rates; ratings and 差评 rectification; per department; complaint and 差评 hotspots (docs/rates.md)",
    query: z.object({
      centerId: idSchema("ctr").optional(),
      month: monthSchema,
    }),
    responses: { 200: { description: "The rates", schema: supervisionRatesSchema }, ...commonErrors },
  }),
  submitRating: route("POST /v1/evaluations", {
    handler: "submit-rating",
    auth: ["applicant", "clerk"],
    summary:
      "好差评 (art. 52(三)): rate a service visit (一次一评, by ticket) or a case (一事一评), once, within the rating period; a 差评 opens a rectification",
    body: z.object({
      subject: z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("ticket"), ticketId: z.string().min(1).max(64) }),
        z.object({ kind: z.literal("application"), applicationId: idSchema("app") }),
      ]),
      level,
      /** Offline: efficiency, skill, attitude; online: efficiency, guideAccuracy, convenience, platformUsability. */
      dimensions: z.record(z.string().min(1).max(40), level).default({}),
      channel: z.enum(RATING_CHANNELS),
      /** The staff member's public card (art. 52(二)). */
      staffId: z.string().min(1).max(64).optional(),
      comment: text(1000).optional(),
    }),
    responses: {
      201: { description: "The rating (and the rectification a 差评 opened)", schema: ratingSubmittedSchema },
      ...errors,
    },
  }),
  getRating: route("GET /v1/evaluations/{ratingId}", {
    handler: "get-rating",
    auth: ["applicant", ...STAFF_ROLES],
    summary: "One rating: for its rater and the center's staff",
    params: ratingParams,
    responses: { 200: { description: "The rating", schema: ratingSchema }, ...commonErrors, ...notFound },
  }),
  appealRating: route("POST /v1/evaluations/{ratingId}/appeal", {
    handler: "appeal-rating",
    auth: ["admin", "chiefRep"],
    summary: "申诉复核: the responsible unit appeals a 差评 as mistaken or malicious",
    params: ratingParams,
    body: z.object({ grounds: z.enum(APPEAL_GROUNDS), reason: text(2000) }),
    responses: { 200: { description: "The rating, appealed", schema: ratingSchema }, ...errors },
  }),
  decideRatingAppeal: route("POST /v1/evaluations/{ratingId}/appeal/decision", {
    handler: "decide-rating-appeal",
    auth: ["supervisor"],
    summary: "A supervisor decides the appeal; upheld = excluded from the rates, its rectification cancelled",
    params: ratingParams,
    body: z.object({ upheld: z.boolean(), reason: text(2000) }),
    responses: { 200: { description: "The rating, the appeal decided", schema: ratingSchema }, ...errors },
  }),
  receiveRatingVerification: route("POST /v1/hotline/evaluations/{ratingId}/verification", {
    handler: "receive-rating-verification",
    auth: "public",
    signedBy: "hotline",
    idempotent: false,
    summary:
      "12345 hotline webhook: its verification (核实) of a real-name 差评 handed to it (art. 52), once per rating",
    description:
      "Signed like the work-order webhook. A redelivered verificationId changes nothing and gets the rating as it is; another verification of the same rating is a conflict; a rating that was not handed to the hotline (not a real-name 差评) is refused (422).",
    params: ratingParams,
    body: z.object({
      verificationId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "the hotline's id of the verification"),
      outcome: z.enum(HOTLINE_VERIFICATION_OUTCOMES),
      verifiedAt: z.iso.datetime({ offset: true }),
      notes: text(2000).optional(),
    }),
    responses: {
      200: { description: "The rating with the verification recorded", schema: ratingSchema },
      ...errors,
      401: { description: "Missing, stale or wrong signature", schema: problemSchema },
    },
  }),
  listRectifications: route("GET /v1/rectifications", {
    handler: "list-rectifications",
    auth: STAFF_ROLES,
    summary: "差评整改 of a center, newest first (department staff see their department's)",
    query: z.object({
      centerId: idSchema("ctr").optional(),
      state: z.enum(["open", "completed", "cancelled"]).optional(),
      ...pageQuery,
    }),
    responses: {
      200: { description: "A page of rectifications", schema: rectificationPageSchema },
      ...commonErrors,
    },
  }),
  recordRectificationCall: route("POST /v1/rectifications/{rectificationId}/follow-up-call", {
    handler: "record-rectification-call",
    auth: STAFF_ROLES,
    summary: "回访: the call to the rater about their 差评 (every real-name one)",
    params: rectParams,
    body: z.object({ reached: z.boolean(), notes: text(2000).optional() }),
    responses: {
      200: { description: "The rectification, the call recorded", schema: rectificationSchema },
      ...errors,
    },
  }),
  completeRectification: route("POST /v1/rectifications/{rectificationId}/complete", {
    handler: "complete-rectification",
    auth: STAFF_ROLES,
    summary: "The measures taken; stops the rectification clock (on time or not)",
    params: rectParams,
    body: z.object({ measures: text(4000) }),
    responses: {
      200: { description: "The rectification, completed", schema: rectificationSchema },
      ...errors,
    },
  }),
};
