import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { assertCenterScope, type Principal } from "#shared/auth/principal.ts";
import type { Page } from "#shared/aws/pagination.ts";
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from "#shared/errors.ts";
import { newEvent, type TypedEnvelope } from "#shared/events/envelope.ts";
import type { ticketCompleted } from "#services/intake/contract/queue-events.ts";
import type { applicationSubmitted } from "#services/intake/contract/events.ts";
import { duplicateUnless, type HandlerOutcome } from "#shared/events/consumer.ts";
import type { caseClockStopped } from "#services/supervision/monitoring/contract/events.ts";
import type { ComplaintsPorts } from "../adapters/ports.ts";
import { limitEnd } from "#shared/calendar/limits.ts";
import { centerDays } from "./center-days.ts";
import {
  appeal,
  assertMayRate,
  assertResponsible,
  cancelRectification,
  completeRectification,
  decideAppeal,
  isBad,
  newRating,
  openRectification,
  recordFollowUpCall,
  recordHotlineVerification,
  type HotlineVerification,
  type Appeal,
  type Rating,
  type RatingInput,
  type Rectification,
  type ServedFacts,
} from "../domain/rating.ts";
import {
  ratingAppealDecided,
  ratingAppealed,
  ratingHotlineVerified,
  ratingSubmitted,
  rectificationCancelled,
  rectificationCompleted,
  rectificationFollowUpCalled,
  rectificationOpened,
} from "../contract/rating-events.ts";

type Ports = Pick<ComplaintsPorts, "ratings" | "directory" | "clock" | "ids" | "ratingPolicy" | "calendar">;

const now = (ports: Pick<Ports, "clock">) => ports.clock.now().toISOString();

/** Where and when the rated service happened: a visit from its ticket, a case from its finished case clock. */
async function servedFacts(input: RatingInput, ports: Ports): Promise<ServedFacts> {
  if (input.subject.kind === "ticket") {
    const visit = await ports.ratings.servedTicket(input.subject.ticketId);
    if (!visit) throw new NotFoundError("No completed visit with that ticket.");
    return visit;
  }
  const served = await ports.ratings.servedCase(input.subject.applicationId);
  if (!served) throw new NotFoundError("No such application.");
  if (!served.complete) throw new ConflictError("The case is rated once it is complete.");
  return served.facts;
}

/** A case was submitted: it exists, and may be rated once complete (issue 22: known from events, not the clock). */
export async function projectSubmittedCase(
  e: TypedEnvelope<typeof applicationSubmitted>,
  ports: Pick<Ports, "ratings">,
): Promise<boolean> {
  return ports.ratings.saveServedCase(e.data.applicationId, undefined, e);
}

/** A case's whole-case clock stopped (completed or rejected): where, by whom and when it was served. */
export async function projectStoppedCase(
  e: TypedEnvelope<typeof caseClockStopped>,
  ports: Pick<Ports, "ratings">,
): Promise<HandlerOutcome> {
  const d = e.data;
  const written = await ports.ratings.saveServedCase(
    d.applicationId,
    {
      centerId: d.centerId,
      ...(d.departmentId ? { departmentId: d.departmentId } : {}),
      ...(d.itemId ? { itemId: d.itemId } : {}),
      ...(d.ownerId ? { ownerId: d.ownerId } : {}),
      servedAt: d.stoppedAt,
    },
    e,
  );
  return duplicateUnless(written);
}

const ratingRef = (r: Rating) => ({
  ratingId: r.id,
  centerId: r.centerId,
  ...(r.departmentId ? { departmentId: r.departmentId } : {}),
  level: r.level,
  month: r.month,
});
const rectRef = (r: Rectification) => ({
  rectificationId: r.id,
  ratingId: r.ratingId,
  centerId: r.centerId,
  ...(r.departmentId ? { departmentId: r.departmentId } : {}),
  month: r.month,
});

/**
 * 一次一评 / 一事一评: one rating per visit or case, in the period, by who may. The staff member named must work in that
 * center (their public card). A 差评 opens the responsible department's rectification in the same write.
 */
export async function submitRating(input: RatingInput, caller: Caller, ports: Ports) {
  const served = await servedFacts(input, ports);
  assertMayRate(caller.principal, input, served);
  let staffDepartmentId: string | undefined;
  if (input.staffId) {
    const staff = await ports.directory.staff(input.staffId);
    if (!staff || staff.centerId !== served.centerId)
      throw new RuleViolationError("rating-staff", "The staff member named does not work in that center.", [
        { path: ["staffId"], message: "not on this center's roster" },
      ]);
    staffDepartmentId = staff.departmentId;
  }
  if (!served.departmentId && served.windowId)
    staffDepartmentId ??= (await ports.directory.window(served.windowId))?.departmentId;
  const at = now(ports);
  const rating = newRating(
    ports.ids.next("rtg"),
    input,
    served,
    caller.principal,
    ports.ratingPolicy,
    at,
    staffDepartmentId,
  );
  const context = causedBy(caller, "complaints", rating.id);
  const rectification = isBad(rating.level)
    ? openRectification(ports.ids.next("rct"), rating, ports.ratingPolicy)
    : undefined;
  const stored = rectification ? { ...rating, rectificationId: rectification.id } : rating;
  const events = [
    newEvent(
      ratingSubmitted,
      {
        ...ratingRef(stored),
        subject: stored.subject,
        channel: stored.channel,
        ...(stored.windowId ? { windowId: stored.windowId } : {}),
        ...(stored.itemId ? { itemId: stored.itemId } : {}),
        ...(stored.staffId ? { staffId: stored.staffId } : {}),
        realName: stored.realName,
        ratedAt: at,
      },
      context,
      ports,
    ),
    ...(rectification
      ? [
          newEvent(
            rectificationOpened,
            {
              ...rectRef(rectification),
              openedAt: rectification.openedAt,
              dueAt: rectification.dueAt,
              days: ports.ratingPolicy.rectificationDays,
            },
            context,
            ports,
          ),
        ]
      : []),
  ];
  await ports.ratings.create(stored, rectification, events);
  return { rating: stored, ...(rectification ? { rectification } : {}) };
}

async function ratingOr404(id: string, ports: Ports) {
  const rating = await ports.ratings.get(id);
  if (!rating) throw new NotFoundError(`No rating ${id}.`);
  return rating;
}

export async function getRating(id: string, principal: Principal, ports: Ports) {
  const rating = await ratingOr404(id, ports);
  if (principal.role === "applicant") {
    if (rating.raterId !== principal.sub) throw new ForbiddenError("This rating is someone else's.");
  } else assertCenterScope(principal, rating.centerId);
  return rating;
}

/** 申诉复核: the responsible unit appeals a 差评 it believes mistaken or malicious. */
export async function appealRating(
  id: string,
  input: Pick<Appeal, "grounds" | "reason">,
  caller: Caller,
  ports: Ports,
) {
  const rating = await ratingOr404(id, ports);
  const { principal } = caller;
  if (principal.role !== "admin" && principal.role !== "chiefRep")
    throw new ForbiddenError("The center's administration or the department's chief representative appeals.");
  assertResponsible(principal, rating);
  const at = now(ports);
  const { days } = await centerDays(rating.centerId, ports);
  const appealBy = limitEnd(
    { unit: "workingDays", amount: ports.ratingPolicy.appealWorkingDays },
    rating.ratedAt,
    days,
  );
  const next = appeal(rating, { ...input, by: principal.sub, at }, appealBy);
  await ports.ratings.save({ rating: next }, [
    newEvent(
      ratingAppealed,
      { ...ratingRef(next), grounds: input.grounds, appealedAt: at },
      causedBy(caller, "complaints", id),
      ports,
    ),
  ]);
  return next;
}

/** A supervisor decides; upheld → excluded from the rates and the rectification is cancelled. */
export async function decideRatingAppeal(
  id: string,
  input: { upheld: boolean; reason: string },
  caller: Caller,
  ports: Ports,
) {
  const rating = await ratingOr404(id, ports);
  assertCenterScope(caller.principal, rating.centerId);
  const at = now(ports);
  const next = decideAppeal(rating, { ...input, reviewerId: caller.principal.sub, at });
  const context = causedBy(caller, "complaints", id);
  const rectification =
    next.excluded && rating.rectificationId
      ? await ports.ratings.rectification(rating.rectificationId)
      : undefined;
  const cancelled =
    rectification?.state === "open"
      ? cancelRectification(rectification, `appeal upheld: ${input.reason}`, at)
      : undefined;
  await ports.ratings.save({ rating: next, ...(cancelled ? { rectification: cancelled } : {}) }, [
    newEvent(
      ratingAppealDecided,
      { ...ratingRef(next), upheld: input.upheld, decidedAt: at },
      context,
      ports,
    ),
    ...(cancelled
      ? [
          newEvent(
            rectificationCancelled,
            { ...rectRef(cancelled), cancelledAt: at, reason: cancelled.cancelledReason! },
            context,
            ports,
          ),
        ]
      : []),
  ]);
  return next;
}

// ——— Rectification ———

async function rectificationOr404(id: string, ports: Ports) {
  const r = await ports.ratings.rectification(id);
  if (!r) throw new NotFoundError(`No rectification ${id}.`);
  return r;
}

export async function listRectifications(
  query: { centerId?: string; state?: Rectification["state"]; cursor?: string; limit: number },
  principal: Principal,
  ports: Ports,
): Promise<Page<Rectification>> {
  const centerId = query.centerId ?? principal.centerId!;
  assertCenterScope(principal, centerId);
  const page = await ports.ratings.listRectifications(centerId, query.state, query);
  return principal.departmentId
    ? { ...page, items: page.items.filter((r) => r.departmentId === principal.departmentId) }
    : page;
}

/** 回访: the call to the rater about their 差评. */
export async function recordRectificationCall(
  id: string,
  input: { reached: boolean; notes?: string },
  caller: Caller,
  ports: Ports,
) {
  const r = await rectificationOr404(id, ports);
  assertResponsible(caller.principal, r);
  const at = now(ports);
  const next = recordFollowUpCall(r, { calledAt: at, by: caller.principal.sub, ...input });
  await ports.ratings.save({ rectification: next }, [
    newEvent(
      rectificationFollowUpCalled,
      { ...rectRef(next), calledAt: at, reached: input.reached },
      causedBy(caller, "complaints", id),
      ports,
    ),
  ]);
  return next;
}

export async function completeRectificationWith(
  id: string,
  input: { measures: string },
  caller: Caller,
  ports: Ports,
) {
  const r = await rectificationOr404(id, ports);
  assertResponsible(caller.principal, r);
  const at = now(ports);
  const next = completeRectification(r, input.measures, at);
  await ports.ratings.save({ rectification: next }, [
    newEvent(
      rectificationCompleted,
      { ...rectRef(next), completedAt: at, onTime: next.onTime! },
      causedBy(caller, "complaints", id),
      ports,
    ),
  ]);
  return next;
}

/** A completed visit can be rated: where, at which window, when (from intake's ticket.completed). */
export async function projectServedTicket(
  e: TypedEnvelope<typeof ticketCompleted>,
  ports: Pick<Ports, "ratings">,
) {
  const d = e.data;
  await ports.ratings.saveServedTicket(
    d.ticketId,
    {
      centerId: d.centerId,
      windowId: d.windowId,
      ...(d.itemId ? { itemId: d.itemId } : {}),
      servedAt: d.completedAt,
    },
    e,
  );
}

/**
 * The 12345 system's verification of a real-name 差评 it was handed (art. 52), from its signed webhook: recorded once
 * per rating — a redelivery with the same verificationId gets the rating as it is.
 */
export async function recordRatingVerification(
  ratingId: string,
  input: {
    verificationId: string;
    outcome: HotlineVerification["outcome"];
    verifiedAt: string;
    notes?: string;
  },
  requestId: string,
  ports: Ports,
) {
  const rating = await ratingOr404(ratingId, ports);
  const { rating: next, recorded } = recordHotlineVerification(rating, input, now(ports));
  if (!recorded) return rating;
  await ports.ratings.save({ rating: next }, [
    newEvent(
      ratingHotlineVerified,
      {
        ...ratingRef(next),
        verificationId: input.verificationId,
        outcome: input.outcome,
        verifiedAt: input.verifiedAt,
      },
      {
        source: "complaints",
        subject: ratingId,
        actor: { id: "hotline:12345", role: "hotline" },
        correlationId: requestId,
      },
      ports,
    ),
  ]);
  return next;
}
