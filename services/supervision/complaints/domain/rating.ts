import { businessDate } from "#shared/calendar/time-zone.ts";
import { limitEnd } from "#shared/calendar/limits.ts";
import type { Principal } from "#shared/auth/principal.ts";
import { ConflictError, ForbiddenError, InvalidTransitionError, RuleViolationError } from "#shared/errors.ts";
import {
  APPEAL_GROUNDS,
  HOTLINE_VERIFICATION_OUTCOMES,
  isBad,
  isSatisfied,
  RATING_CHANNELS,
  RATING_LEVELS,
  type RatingLevel,
} from "../contract/rating-values.ts";

export { APPEAL_GROUNDS, HOTLINE_VERIFICATION_OUTCOMES, isBad, isSatisfied, RATING_CHANNELS, RATING_LEVELS };
export type { RatingLevel };

/**
 * 好差评 (art. 52(三); 国办发〔2019〕51号; GB/T 39734/39735): one rating per service visit (一次一评, a queue ticket) or
 * per case (一事一评, an application), in five levels with the dimensions of its mode, within the rating period. Every
 * 差评 opens a rectification for the responsible department; an appeal (申诉复核) can exclude a mistaken or malicious
 * rating. Pure: no I/O.
 */

/** On site (a visit) and online (a case) rate different things (DOMAIN.md). */
export const OFFLINE_DIMENSIONS = ["efficiency", "skill", "attitude"] as const;
export const ONLINE_DIMENSIONS = ["efficiency", "guideAccuracy", "convenience", "platformUsability"] as const;

export type RatingSubject =
  { kind: "ticket"; ticketId: string } | { kind: "application"; applicationId: string };
export const subjectId = (s: RatingSubject) => (s.kind === "ticket" ? s.ticketId : s.applicationId);

/** What was rated, as supervision knows it: where and when it was served, and by whom it was owned. */
export interface ServedFacts {
  centerId: string;
  departmentId?: string;
  windowId?: string;
  itemId?: string;
  /** The applicant who owns the case (case ratings only). */
  ownerId?: string;
  servedAt: string;
}

export interface Appeal {
  grounds: (typeof APPEAL_GROUNDS)[number];
  reason: string;
  by: string;
  at: string;
  state: "pending" | "upheld" | "rejected";
  decision?: { reviewerId: string; reason: string; at: string };
}

export type HotlineVerification = {
  verificationId: string;
  outcome: (typeof HOTLINE_VERIFICATION_OUTCOMES)[number];
  verifiedAt: string;
  notes?: string;
  recordedAt: string;
};

/** Art. 52: every real-name 差评 goes to the 12345 system for verification. */
export const goesToHotline = (rating: Pick<Rating, "level" | "realName">) =>
  isBad(rating.level) && rating.realName;

/**
 * Record the 12345 system's verification of a 差评 it was handed: once (the same verificationId again changes nothing;
 * another one is a conflict), and only for a rating that went to it.
 */
export function recordHotlineVerification(
  rating: Rating,
  verification: Omit<HotlineVerification, "recordedAt">,
  at: string,
): { rating: Rating; recorded: boolean } {
  if (!goesToHotline(rating))
    throw new RuleViolationError(
      "not-handed-to-hotline",
      "Only a real-name 差评 is handed to the 12345 system for verification (art. 52).",
    );
  const known = rating.hotlineVerification;
  if (known?.verificationId === verification.verificationId) return { rating, recorded: false };
  if (known)
    throw new ConflictError(`The 12345 system already verified this rating (${known.verificationId}).`);
  return {
    rating: {
      ...rating,
      hotlineVerification: { ...verification, recordedAt: at },
      version: rating.version + 1,
      updatedAt: at,
    },
    recorded: true,
  };
}

export interface Rating {
  id: string;
  subject: RatingSubject;
  mode: "offline" | "online";
  level: RatingLevel;
  dimensions: Record<string, RatingLevel>;
  channel: (typeof RATING_CHANNELS)[number];
  centerId: string;
  /** The responsible department (the case's, the window's or the staff member's); absent = the center itself. */
  departmentId?: string;
  windowId?: string;
  itemId?: string;
  /** Named by their public card (art. 52(二)). */
  staffId?: string;
  /** Who rated, when signed in: a real-name rating gets the follow-up call (100% 回访). */
  raterId?: string;
  realName: boolean;
  comment?: string;
  servedAt: string;
  ratedAt: string;
  month: string;
  rectificationId?: string;
  appeal?: Appeal;
  /** The 12345 system's verification of a real-name 差评 (art. 52). */
  hotlineVerification?: HotlineVerification;
  /** Set when an appeal is upheld: the rates leave it out. */
  excluded: boolean;
  version: number;
  updatedAt: string;
}

export interface RatingPolicy {
  /** Calendar days after the service in which a rating is still taken (DOMAIN.md: 15). */
  ratingPeriodDays: number;
  /** Calendar days the responsible department has to rectify a 差评 (Beijing: 7). */
  rectificationDays: number;
  /** Working days after a 差评 in which its unit may appeal it (art. 52; Beijing practice: 3). */
  appealWorkingDays: number;
}
export const DEFAULT_RATING_POLICY: RatingPolicy = {
  ratingPeriodDays: 15,
  rectificationDays: 7,
  appealWorkingDays: 3,
};

/** 24:00 Beijing of the Nth calendar day after `from` (the day itself not counted). */
export const endOfNthDay = (from: string, days: number): string =>
  limitEnd({ unit: "calendarDays", amount: days }, from);

export interface RatingInput {
  subject: RatingSubject;
  level: RatingLevel;
  dimensions: Record<string, RatingLevel>;
  channel: Rating["channel"];
  staffId?: string;
  comment?: string;
}

/**
 * Who may rate: a case only by its owner; a visit by the applicant (QR code, app) or through the evaluator at the
 * window, which runs in the window's staff session and only records the applicant's press.
 */
export function assertMayRate(principal: Principal, input: RatingInput, served: ServedFacts): void {
  if (input.subject.kind === "application") {
    if (principal.role !== "applicant" || principal.sub !== served.ownerId)
      throw new ForbiddenError("A case is rated by the applicant who owns it.");
    return;
  }
  if (principal.role === "applicant") return;
  if (
    principal.role !== "clerk" ||
    input.channel !== "windowDevice" ||
    principal.centerId !== served.centerId
  )
    throw new ForbiddenError(
      "Staff record a visit's rating only through the window evaluator of their center.",
    );
}

export function newRating(
  id: string,
  input: RatingInput,
  served: ServedFacts,
  principal: Principal,
  policy: RatingPolicy,
  at: string,
  staffDepartmentId?: string,
): Rating {
  if (at < served.servedAt) throw new ConflictError("The service has not been completed yet.");
  if (at > endOfNthDay(served.servedAt, policy.ratingPeriodDays))
    throw new RuleViolationError(
      "rating-period",
      `A rating is taken within ${policy.ratingPeriodDays} days of the service.`,
    );
  const mode = input.subject.kind === "ticket" ? "offline" : "online";
  const allowed: readonly string[] = mode === "offline" ? OFFLINE_DIMENSIONS : ONLINE_DIMENSIONS;
  const unknown = Object.keys(input.dimensions).filter((d) => !allowed.includes(d));
  if (unknown.length)
    throw new RuleViolationError(
      "rating-dimensions",
      `A ${mode} rating covers ${allowed.join(", ")}.`,
      unknown.map((d) => ({ path: ["dimensions", d], message: `not a dimension of ${mode} ratings` })),
    );
  const departmentId = served.departmentId ?? staffDepartmentId;
  const applicant = principal.role === "applicant";
  return {
    id,
    subject: input.subject,
    mode,
    level: input.level,
    dimensions: input.dimensions,
    channel: input.channel,
    centerId: served.centerId,
    ...(departmentId ? { departmentId } : {}),
    ...(served.windowId ? { windowId: served.windowId } : {}),
    ...(served.itemId ? { itemId: served.itemId } : {}),
    ...(input.staffId ? { staffId: input.staffId } : {}),
    ...(applicant ? { raterId: principal.sub } : {}),
    realName: applicant,
    ...(input.comment ? { comment: input.comment } : {}),
    servedAt: served.servedAt,
    ratedAt: at,
    month: businessDate(new Date(at)).slice(0, 7),
    excluded: false,
    version: 1,
    updatedAt: at,
  };
}

// ——— Appeal (申诉复核) ———

export function appeal(rating: Rating, input: Omit<Appeal, "state">, appealBy?: string): Rating {
  if (!isBad(rating.level)) throw new RuleViolationError("appeal-bad-only", "Only a 差评 can be appealed.");
  if (rating.appeal) throw new ConflictError("This rating has already been appealed.");
  // art. 52: an appeal comes within the period after the rating (Beijing practice: 3 working days), or not at all.
  if (appealBy && input.at > appealBy)
    throw new RuleViolationError(
      "appeal-period",
      `The period to appeal this 差评 ended at ${appealBy} (art. 52): it stands, and its rectification is due.`,
      [],
      { appealBy },
    );
  return {
    ...rating,
    appeal: { ...input, state: "pending" },
    version: rating.version + 1,
    updatedAt: input.at,
  };
}

/** A supervisor decides, not the unit that appealed; upheld = the rating is excluded from the rates. */
export function decideAppeal(
  rating: Rating,
  decision: { upheld: boolean; reason: string; reviewerId: string; at: string },
): Rating {
  const current = rating.appeal;
  if (!current || current.state !== "pending")
    throw new InvalidTransitionError(current?.state ?? "notAppealed", "decide-appeal");
  if (decision.reviewerId === current.by)
    throw new ForbiddenError("The appeal is reviewed by someone other than who made it.");
  return {
    ...rating,
    appeal: {
      ...current,
      state: decision.upheld ? "upheld" : "rejected",
      decision: { reviewerId: decision.reviewerId, reason: decision.reason, at: decision.at },
    },
    excluded: decision.upheld,
    version: rating.version + 1,
    updatedAt: decision.at,
  };
}

// ——— Rectification (差评整改) ———

export interface Rectification {
  id: string;
  ratingId: string;
  centerId: string;
  departmentId?: string;
  level: RatingLevel;
  realName: boolean;
  month: string;
  state: "open" | "completed" | "cancelled";
  openedAt: string;
  dueAt: string;
  followUpCall?: { calledAt: string; reached: boolean; notes?: string; by: string };
  measures?: string;
  completedAt?: string;
  onTime?: boolean;
  cancelledReason?: string;
  version: number;
  updatedAt: string;
}

export function openRectification(id: string, rating: Rating, policy: RatingPolicy): Rectification {
  return {
    id,
    ratingId: rating.id,
    centerId: rating.centerId,
    ...(rating.departmentId ? { departmentId: rating.departmentId } : {}),
    level: rating.level,
    realName: rating.realName,
    month: rating.month,
    state: "open",
    openedAt: rating.ratedAt,
    dueAt: endOfNthDay(rating.ratedAt, policy.rectificationDays),
    version: 1,
    updatedAt: rating.ratedAt,
  };
}

const open = (r: Rectification, command: string) => {
  if (r.state !== "open") throw new InvalidTransitionError(r.state, command);
};

export function recordFollowUpCall(r: Rectification, call: NonNullable<Rectification["followUpCall"]>) {
  open(r, "follow-up-call");
  return { ...r, followUpCall: call, version: r.version + 1, updatedAt: call.calledAt };
}

/** Done: the measures taken; a real-name 差评 needs its follow-up call first (100% 回访). */
export function completeRectification(r: Rectification, measures: string, at: string): Rectification {
  open(r, "complete");
  if (r.realName && !r.followUpCall)
    throw new RuleViolationError(
      "rectification-follow-up",
      "A real-name 差评 gets its follow-up call before the rectification is closed.",
    );
  return {
    ...r,
    state: "completed",
    measures,
    completedAt: at,
    onTime: at <= r.dueAt,
    version: r.version + 1,
    updatedAt: at,
  };
}

export function cancelRectification(r: Rectification, reason: string, at: string): Rectification {
  open(r, "cancel");
  return { ...r, state: "cancelled", cancelledReason: reason, version: r.version + 1, updatedAt: at };
}

/** The responsible department's staff, or the center's administration. */
export function assertResponsible(
  principal: Principal,
  r: { centerId: string; departmentId?: string },
): void {
  if (principal.role === "applicant" || principal.centerId !== r.centerId)
    throw new ForbiddenError("This belongs to another center.");
  if (principal.role === "admin" || principal.role === "supervisor") return;
  if (!principal.departmentId || principal.departmentId !== r.departmentId)
    throw new ForbiddenError("This is the responsible department's.");
}
