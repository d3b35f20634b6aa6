import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { assertCenterScope, assertOwnerOrCenterStaff, type Principal } from "#shared/auth/principal.ts";
import { retrying } from "#shared/aws/dynamo.ts";
import { NotFoundError } from "#shared/errors.ts";
import { newEvent, type Envelope } from "#shared/events/envelope.ts";
import type { ComplaintsPorts } from "../adapters/ports.ts";
import {
  applicantView,
  assertCoordinatorOrAdmin,
  assignCoordinator,
  checkCoordinator,
  checkVersion,
  holdMeeting,
  linkApplication,
  matterListEntry,
  newMatter,
  reply,
  type AssignCoordinator,
  type LinkApplication,
  type MatterState,
  type MeetingInput,
  type RecordMatter,
  type ReplyInput,
  type UnresolvedMatter,
} from "../domain/unresolved-matter.ts";
import {
  matterApplicationLinked,
  matterCoordinationHeld,
  matterCoordinatorAssigned,
  matterRecorded,
  matterReplied,
} from "../contract/matter-events.ts";

type Ports = Pick<ComplaintsPorts, "matters" | "clock" | "ids">;

const context = (caller: Caller, matter: UnresolvedMatter) => causedBy(caller, "complaints", matter.id);

/** A matter, or 404. */
async function matterOr404(matterId: string, { matters }: Pick<Ports, "matters">): Promise<UnresolvedMatter> {
  const matter = await matters.get(matterId);
  if (!matter) throw new NotFoundError(`No unresolved matter ${matterId}.`);
  return matter;
}

/**
 * Record what someone could not get done (办不成事反映, art. 13, 34):
 * 1. Staff record it for their own center from any channel; an applicant reports their own, online.
 * 2. Save the matter and `unresolved-matter.recorded` (ids and categories only — no personal data) in one
 *    transaction.
 */
export async function recordUnresolvedMatter(
  input: RecordMatter,
  caller: Caller,
  ports: Ports,
): Promise<UnresolvedMatter> {
  const { principal } = caller;
  if (principal.role !== "applicant") assertCenterScope(principal, input.centerId);
  const matter = newMatter(input, {
    id: ports.ids.next("urm"),
    at: ports.clock.now().toISOString(),
    principal,
  });
  const event = newEvent(
    matterRecorded,
    {
      matterId: matter.id,
      centerId: matter.centerId,
      channel: matter.channel,
      reasonCategory: matter.reason.category,
      itemId: matter.itemId,
      applicationId: matter.applicationId,
      selfReported: matter.ownerId !== undefined,
      recordedAt: matter.recordedAt,
    },
    context(caller, matter),
    ports,
  );
  await ports.matters.create(matter, event);
  return matter;
}

/**
 * Make a member of the center's staff the coordinator (center administration only):
 * 1. The matter is the admin's center's, not closed, and — when the caller says which version they read — unchanged.
 * 2. The staff member works in that center, in a coordinating role, and signs in (the directory's projection).
 * 3. The same coordinator again changes nothing; otherwise the matter and `unresolved-matter.coordinator-assigned`
 *    are written in one transaction on the version read.
 */
export async function assignMatterCoordinator(
  matterId: string,
  input: AssignCoordinator,
  caller: Caller,
  ports: Ports,
): Promise<UnresolvedMatter> {
  return retrying(async () => {
    const matter = await matterOr404(matterId, ports);
    assertCenterScope(caller.principal, matter.centerId);
    checkVersion(matter, input.version);
    const candidate = await ports.matters.staffMember(input.staffId);
    checkCoordinator(candidate, matter.centerId);
    const at = ports.clock.now().toISOString();
    const next = assignCoordinator(
      matter,
      {
        staffId: candidate.staffId,
        userId: candidate.userId,
        role: candidate.role,
        ...(candidate.departmentId ? { departmentId: candidate.departmentId } : {}),
      },
      at,
      caller.principal.sub,
    );
    if (!next) return matter;
    const event = newEvent(
      matterCoordinatorAssigned,
      {
        matterId,
        centerId: matter.centerId,
        staffId: candidate.staffId,
        userId: candidate.userId,
        previousStaffId: matter.coordinator?.staffId,
        assignedAt: at,
      },
      context(caller, matter),
      ports,
    );
    await ports.matters.update(next, event);
    return next;
  });
}

/**
 * Record a case-by-case coordination meeting (专事专议, art. 34) — by the coordinator or the center's administration:
 * 1. The matter has a coordinator and is not closed; the meeting already took place.
 * 2. The meeting (numbered in order), the matter and `unresolved-matter.coordination-held` are one transaction.
 */
export async function recordMatterMeeting(
  matterId: string,
  input: MeetingInput,
  caller: Caller,
  ports: Ports,
) {
  return retrying(async () => {
    const matter = await matterOr404(matterId, ports);
    assertCoordinatorOrAdmin(matter, caller.principal);
    checkVersion(matter, input.version);
    const { version: _v, ...meetingInput } = input;
    const at = ports.clock.now().toISOString();
    const result = holdMeeting(matter, meetingInput, {
      id: ports.ids.next("mtg"),
      at,
      by: caller.principal.sub,
    });
    const { meeting } = result;
    const event = newEvent(
      matterCoordinationHeld,
      {
        matterId,
        centerId: matter.centerId,
        meetingId: meeting.id,
        sequence: meeting.sequence,
        heldAt: meeting.heldAt,
        departmentIds: meeting.departmentIds,
        outcome: meeting.outcome,
        followUpDueOn: meeting.followUp?.dueOn,
      },
      context(caller, matter),
      ports,
    );
    await ports.matters.update(result.matter, event, meeting);
    return result;
  });
}

/**
 * Answer the applicant — by the coordinator or the center's administration, once; this closes the matter:
 * the matter and `unresolved-matter.replied` (with what monitoring needs: resolved, reason, meetings, waiting time)
 * in one transaction.
 */
export async function replyToMatter(
  matterId: string,
  input: ReplyInput,
  caller: Caller,
  ports: Ports,
): Promise<UnresolvedMatter> {
  return retrying(async () => {
    const matter = await matterOr404(matterId, ports);
    assertCoordinatorOrAdmin(matter, caller.principal);
    checkVersion(matter, input.version);
    const at = ports.clock.now().toISOString();
    const next = reply(matter, input, at, caller.principal.sub);
    const event = newEvent(
      matterReplied,
      {
        matterId,
        centerId: matter.centerId,
        method: input.method,
        resolved: input.resolved,
        reasonCategory: matter.reason.category,
        meetingCount: matter.meetingCount,
        recordedAt: matter.recordedAt,
        repliedAt: at,
      },
      context(caller, matter),
      ports,
    );
    await ports.matters.update(next, event);
    return next;
  });
}

/**
 * Link the application the matter led to (staff of its center), also after the reply: what could not be done got
 * done. The same application again changes nothing; a different one is refused (409).
 */
export async function linkMatterApplication(
  matterId: string,
  input: LinkApplication,
  caller: Caller,
  ports: Ports,
): Promise<UnresolvedMatter> {
  return retrying(async () => {
    const matter = await matterOr404(matterId, ports);
    assertCenterScope(caller.principal, matter.centerId);
    checkVersion(matter, input.version);
    const at = ports.clock.now().toISOString();
    const next = linkApplication(matter, input.applicationId, at, caller.principal.sub);
    if (!next) return matter;
    const event = newEvent(
      matterApplicationLinked,
      { matterId, centerId: matter.centerId, applicationId: input.applicationId, linkedAt: at },
      context(caller, matter),
      ports,
    );
    await ports.matters.update(next, event);
    return next;
  });
}

// ——— Reading ———

const historyEntry = (e: Envelope) => ({
  id: e.id,
  type: e.type,
  occurredAt: e.occurredAt,
  actor: e.actor,
  data: e.data,
});

/**
 * A matter: for staff of its center everything — coordinator, meetings, reply and history; for the applicant who
 * reported it their matter, the reply and the meetings' outcomes.
 */
export async function getUnresolvedMatter(matterId: string, principal: Principal, ports: Ports) {
  const found = await ports.matters.detail(matterId);
  if (!found) throw new NotFoundError(`No unresolved matter ${matterId}.`);
  const { matter, meetings, events } = found;
  assertOwnerOrCenterStaff(principal, { ownerId: matter.ownerId ?? "", centerId: matter.centerId });
  if (principal.role === "applicant") return applicantView(matter, meetings);
  return { ...matter, meetings, history: events.map(historyEntry) };
}

/** A center's matters for its staff and supervisors, open ones first; phones and ID numbers masked. */
export async function listUnresolvedMatters(
  query: { centerId?: string; state?: MatterState; cursor?: string; limit: number },
  principal: Principal,
  ports: Ports,
) {
  const centerId = query.centerId ?? principal.centerId!;
  assertCenterScope(principal, centerId);
  const page = await ports.matters.byCenter(
    centerId,
    { state: query.state },
    { cursor: query.cursor, limit: query.limit },
  );
  return { ...page, items: page.items.map(matterListEntry) };
}
