import * as z from "zod";
import type { Principal } from "#shared/auth/principal.ts";
import { ConflictError, ForbiddenError, InvalidTransitionError, RuleViolationError } from "#shared/errors.ts";
import { idSchema, plainName } from "#shared/http/schemas.ts";
import { isResidentId } from "#shared/identity.ts";
import { maskForList } from "#shared/personal-data.ts";
import {
  MATTER_CHANNELS,
  REASON_CATEGORIES,
  MEETING_OUTCOMES,
  REPLY_METHODS,
} from "../contract/matter-values.ts";

export { MATTER_CHANNELS, REASON_CATEGORIES, MEETING_OUTCOMES, REPLY_METHODS };

/**
 * The unresolved-matter desk (办不成事反映, art. 13, 34): a center records what someone could not get done — at the
 * window, the desk, by phone, online or from the 12345 hotline — assigns a coordinator, holds case-by-case
 * coordination meetings (专事专议, art. 34) with the departments concerned, replies to the applicant and links the
 * application that finally resulted. Pure rules: no I/O, time passed in.
 */

// ——— Vocabulary ———

export type MatterChannel = (typeof MATTER_CHANNELS)[number];

export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

export type MeetingOutcome = (typeof MEETING_OUTCOMES)[number];

/** Outcomes that leave work to do: the meeting must name who follows up. */
const NEEDS_FOLLOW_UP: readonly MeetingOutcome[] = [
  "partlyResolved",
  "needsPolicyChange",
  "furtherCoordination",
];

export type ReplyMethod = (typeof REPLY_METHODS)[number];

/** Staff roles that may coordinate a matter (supervisors oversee, they do not coordinate). */
export const COORDINATOR_ROLES = ["clerk", "approver", "chiefRep", "admin"] as const;

// ——— Input ———

const text = (max: number) => z.string().trim().min(2, "required").max(max);
const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, "a mainland mobile number");
/** The version the caller read: a change made meanwhile is refused (409) instead of overwritten. */
const expectedVersion = z.number().int().min(1).optional();

/** Who could not get it done. Phone and ID are personal data: masked in lists, never in events or logs. */
export const matterApplicantSchema = z.object({
  name: plainName(50),
  phone: mobile.optional(),
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isResidentId, "not a valid resident ID number (GB 11643)")
    .optional(),
});
export type MatterApplicant = z.output<typeof matterApplicantSchema>;

export const recordMatterSchema = z.object({
  centerId: idSchema("ctr"),
  channel: z.enum(MATTER_CHANNELS),
  applicant: matterApplicantSchema,
  itemId: idSchema("itm").optional(),
  /** An application the matter concerns (e.g. one that was refused), when there is one. */
  applicationId: idSchema("app").optional(),
  /** What they wanted to do (想办什么). */
  request: text(1000),
  /** What could not be done (办不成的是什么). */
  obstacle: text(1000),
  /** Why, as a category for monitoring and in the desk's own words. */
  reason: z.object({ category: z.enum(REASON_CATEGORIES), detail: text(2000) }),
});
export type RecordMatter = z.output<typeof recordMatterSchema>;

export const assignCoordinatorSchema = z.object({
  /** A member of the center's staff (the roster's id) who signs in and acts on the matter. */
  staffId: idSchema("stf"),
  version: expectedVersion,
});
export type AssignCoordinator = z.output<typeof assignCoordinatorSchema>;

export const meetingSchema = z
  .object({
    heldAt: z.iso.datetime({ offset: true }),
    /** The departments taking part (a case-by-case meeting brings several together, art. 34). */
    departmentIds: z
      .array(idSchema("dep"))
      .min(1)
      .max(30)
      .refine((ids) => new Set(ids).size === ids.length, "each department once"),
    attendees: z
      .array(
        z.object({
          name: plainName(50),
          departmentId: idSchema("dep").optional(),
          title: z.string().trim().min(2).max(50).optional(),
        }),
      )
      .min(1)
      .max(50),
    discussion: text(4000),
    decisions: z.array(text(1000)).min(1).max(20),
    outcome: z.enum(MEETING_OUTCOMES),
    followUp: z
      .object({
        /** Who carries it forward: a person, post or department. */
        owner: z.string().trim().min(2).max(100),
        action: text(1000),
        dueOn: z.iso.date().optional(),
      })
      .optional(),
    version: expectedVersion,
  })
  .refine((m) => !NEEDS_FOLLOW_UP.includes(m.outcome) || m.followUp !== undefined, {
    path: ["followUp"],
    message: "name who follows up when the matter is not settled",
  });
export type MeetingInput = z.output<typeof meetingSchema>;

export const replySchema = z.object({
  text: text(4000),
  method: z.enum(REPLY_METHODS),
  /** Whether the applicant's matter was resolved (for the desk's resolution rate). */
  resolved: z.boolean(),
  version: expectedVersion,
});
export type ReplyInput = z.output<typeof replySchema>;

export const linkApplicationSchema = z.object({
  applicationId: idSchema("app"),
  version: expectedVersion,
});
export type LinkApplication = z.output<typeof linkApplicationSchema>;

// ——— The matter ———

export interface Coordinator {
  staffId: string;
  userId: string;
  role: (typeof COORDINATOR_ROLES)[number];
  departmentId?: string;
  assignedAt: string;
  assignedBy: string;
}

export interface Meeting {
  id: string;
  matterId: string;
  /** 1, 2, … in the order recorded. */
  sequence: number;
  heldAt: string;
  departmentIds: string[];
  attendees: { name: string; departmentId?: string; title?: string }[];
  discussion: string;
  decisions: string[];
  outcome: MeetingOutcome;
  followUp?: { owner: string; action: string; dueOn?: string };
  recordedAt: string;
  recordedBy: string;
}

export interface Reply {
  text: string;
  method: ReplyMethod;
  resolved: boolean;
  repliedAt: string;
  repliedBy: string;
}

export interface UnresolvedMatter {
  id: string;
  centerId: string;
  channel: MatterChannel;
  applicant: MatterApplicant;
  /** The applicant's sign-in identity, when they reported it themselves: they may read it. */
  ownerId?: string;
  itemId?: string;
  applicationId?: string;
  request: string;
  obstacle: string;
  reason: { category: ReasonCategory; detail: string };
  state: MatterState;
  coordinator?: Coordinator;
  meetingCount: number;
  lastMeeting?: { id: string; heldAt: string; outcome: MeetingOutcome };
  reply?: Reply;
  /** The application that resulted, once the applicant could apply. */
  resultingApplication?: { applicationId: string; linkedAt: string; linkedBy: string };
  recordedAt: string;
  recordedBy: { id: string; role: string };
  updatedAt: string;
  version: number;
}

// ——— The state machine ———

/**
 * - `recorded`: on the desk's list, nobody coordinating yet.
 * - `assigned`: a coordinator owns it.
 * - `coordinating`: at least one case-by-case meeting was held.
 * - `replied`: the applicant was answered (resolved or not). Closed: no more meetings, reassignment or replies; the
 *   application that results may still be linked.
 */
export const MATTER_STATES = ["recorded", "assigned", "coordinating", "replied"] as const;
export type MatterState = (typeof MATTER_STATES)[number];

export const MATTER_COMMANDS = ["assignCoordinator", "holdMeeting", "reply", "linkApplication"] as const;
export type MatterCommand = (typeof MATTER_COMMANDS)[number];

/** What each state allows, as data; anything else is refused (409). */
export const transitions = {
  recorded: { assignCoordinator: "assigned", linkApplication: "recorded" },
  assigned: {
    assignCoordinator: "assigned",
    holdMeeting: "coordinating",
    reply: "replied",
    linkApplication: "assigned",
  },
  coordinating: {
    assignCoordinator: "coordinating",
    holdMeeting: "coordinating",
    reply: "replied",
    linkApplication: "coordinating",
  },
  replied: { linkApplication: "replied" },
} as const satisfies Record<MatterState, Partial<Record<MatterCommand, MatterState>>>;

/** The applicant was answered already: one matter, one reply. */
export class AlreadyRepliedError extends InvalidTransitionError {
  override readonly code: string = "matter-already-replied";
  constructor() {
    super("replied", "reply", "The applicant was already replied to; the matter is closed.");
  }
}

/** A replied matter is closed: no more meetings or coordinators. */
export class MatterClosedError extends InvalidTransitionError {
  override readonly code: string = "matter-closed";
  constructor(command: MatterCommand) {
    super("replied", command, `The matter is closed (the applicant was replied to): cannot ${command}.`);
  }
}

/** Meetings and the reply need a coordinator who owns the matter first. */
export class NoCoordinatorError extends InvalidTransitionError {
  override readonly code: string = "matter-without-coordinator";
  constructor(command: MatterCommand) {
    super("recorded", command, `Assign a coordinator before you ${command === "reply" ? "reply" : "meet"}.`);
  }
}

/** The matter led to another application already; a different one is not linked over it. */
export class ApplicationAlreadyLinkedError extends ConflictError {
  override readonly code: string = "matter-application-linked";
  constructor(linked: string) {
    super(`The matter is already linked to application ${linked}.`, { linkedApplicationId: linked });
  }
}

/** The caller's copy is stale: someone changed the matter since they read it. */
export class StaleMatterError extends ConflictError {
  override readonly code: string = "matter-changed";
  constructor(current: number) {
    super(`The matter changed meanwhile: it is at version ${current}. Read it again.`, { version: current });
  }
}

export function nextMatterState(state: MatterState, command: MatterCommand): MatterState {
  const next = (transitions[state] as Partial<Record<MatterCommand, MatterState>>)[command];
  if (next) return next;
  if (state === "replied")
    throw command === "reply" ? new AlreadyRepliedError() : new MatterClosedError(command);
  if (state === "recorded") throw new NoCoordinatorError(command);
  throw new InvalidTransitionError(state, command);
}

/** Refuse a change based on an old read. */
export function checkVersion(matter: UnresolvedMatter, expected: number | undefined): void {
  if (expected !== undefined && expected !== matter.version) throw new StaleMatterError(matter.version);
}

// ——— Who may do what ———

/** Applicants report only online, about themselves; other channels are the staff's (art. 13: the desk records). */
export function checkReporter(principal: Principal, channel: MatterChannel): void {
  if (principal.role === "applicant" && channel !== "online")
    throw new RuleViolationError(
      "applicant-reports-online",
      "An applicant reports a matter online; the center's staff record the other channels.",
      [{ path: ["channel"], message: "applicants report online" }],
    );
}

/** Meetings and the reply: the matter's coordinator, or the center's administration. */
export function assertCoordinatorOrAdmin(matter: UnresolvedMatter, principal: Principal): void {
  const isAdmin = principal.role === "admin" && principal.centerId === matter.centerId;
  if (!isAdmin && principal.sub !== matter.coordinator?.userId)
    throw new ForbiddenError("Only the matter's coordinator or the center's administration may do this.");
}

/** A coordinator must work in the matter's center, in a coordinating role, and be able to sign in. */
export function checkCoordinator<C extends { centerId: string; role: string; userId?: string }>(
  candidate: C | undefined,
  centerId: string,
): asserts candidate is C & { role: Coordinator["role"]; userId: string } {
  const refuse = (message: string) =>
    new RuleViolationError("coordinator-not-eligible", `The coordinator ${message}.`, [
      { path: ["staffId"], message },
    ]);
  if (!candidate || candidate.centerId !== centerId) throw refuse("is not a member of this center's staff");
  if (!(COORDINATOR_ROLES as readonly string[]).includes(candidate.role))
    throw refuse(`cannot coordinate in the role ${candidate.role}`);
  if (!candidate.userId) throw refuse("has no sign-in identity to act with");
}

// ——— Changes ———

export function newMatter(
  input: RecordMatter,
  context: { id: string; at: string; principal: Principal },
): UnresolvedMatter {
  const { principal, at } = context;
  checkReporter(principal, input.channel);
  return {
    id: context.id,
    centerId: input.centerId,
    channel: input.channel,
    applicant: input.applicant,
    ...(principal.role === "applicant" ? { ownerId: principal.sub } : {}),
    ...(input.itemId ? { itemId: input.itemId } : {}),
    ...(input.applicationId ? { applicationId: input.applicationId } : {}),
    request: input.request,
    obstacle: input.obstacle,
    reason: input.reason,
    state: "recorded",
    meetingCount: 0,
    recordedAt: at,
    recordedBy: { id: principal.sub, role: principal.role },
    updatedAt: at,
    version: 1,
  };
}

const changed = (matter: UnresolvedMatter, at: string, state: MatterState): UnresolvedMatter => ({
  ...matter,
  state,
  updatedAt: at,
  version: matter.version + 1,
});

/** Assign (or reassign) the coordinator; the same person again changes nothing (undefined). */
export function assignCoordinator(
  matter: UnresolvedMatter,
  coordinator: Omit<Coordinator, "assignedAt" | "assignedBy">,
  at: string,
  by: string,
): UnresolvedMatter | undefined {
  const state = nextMatterState(matter.state, "assignCoordinator");
  if (matter.coordinator?.staffId === coordinator.staffId) return undefined;
  return { ...changed(matter, at, state), coordinator: { ...coordinator, assignedAt: at, assignedBy: by } };
}

/**
 * Record a case-by-case coordination meeting (专事专议, art. 34). It must have taken place: not in the future, and
 * not before the matter was recorded.
 */
export function holdMeeting(
  matter: UnresolvedMatter,
  input: Omit<MeetingInput, "version">,
  context: { id: string; at: string; by: string },
): { matter: UnresolvedMatter; meeting: Meeting } {
  const state = nextMatterState(matter.state, "holdMeeting");
  const heldAt = new Date(input.heldAt).toISOString();
  if (heldAt > context.at || heldAt < matter.recordedAt)
    throw new RuleViolationError(
      "meeting-time",
      "A meeting is recorded after it took place, and after the matter was recorded.",
      [
        {
          path: ["heldAt"],
          message: heldAt > context.at ? "is in the future" : "is before the matter was recorded",
        },
      ],
    );
  const meeting: Meeting = {
    id: context.id,
    matterId: matter.id,
    sequence: matter.meetingCount + 1,
    heldAt,
    departmentIds: input.departmentIds,
    attendees: input.attendees,
    discussion: input.discussion,
    decisions: input.decisions,
    outcome: input.outcome,
    ...(input.followUp ? { followUp: input.followUp } : {}),
    recordedAt: context.at,
    recordedBy: context.by,
  };
  return {
    matter: {
      ...changed(matter, context.at, state),
      meetingCount: meeting.sequence,
      lastMeeting: { id: meeting.id, heldAt, outcome: meeting.outcome },
    },
    meeting,
  };
}

/** Answer the applicant, once; this closes the matter. */
export function reply(
  matter: UnresolvedMatter,
  input: Omit<ReplyInput, "version">,
  at: string,
  by: string,
): UnresolvedMatter {
  const state = nextMatterState(matter.state, "reply");
  return {
    ...changed(matter, at, state),
    reply: { text: input.text, method: input.method, resolved: input.resolved, repliedAt: at, repliedBy: by },
  };
}

/** Link the application that resulted; the same one again changes nothing (undefined), another one is refused. */
export function linkApplication(
  matter: UnresolvedMatter,
  applicationId: string,
  at: string,
  by: string,
): UnresolvedMatter | undefined {
  const state = nextMatterState(matter.state, "linkApplication");
  const linked = matter.resultingApplication?.applicationId;
  if (linked === applicationId) return undefined;
  if (linked) throw new ApplicationAlreadyLinkedError(linked);
  return {
    ...changed(matter, at, state),
    resultingApplication: { applicationId, linkedAt: at, linkedBy: by },
  };
}

// ——— Views ———

/**
 * A matter in a list: phone and ID masked (DOMAIN.md), free text with any number in it masked too; the reply and
 * the meetings are in the matter's own view.
 */
export function matterListEntry(m: UnresolvedMatter) {
  return maskForList({
    id: m.id,
    centerId: m.centerId,
    channel: m.channel,
    state: m.state,
    applicant: {
      name: m.applicant.name,
      ...(m.applicant.phone ? { phone: m.applicant.phone } : {}),
      ...(m.applicant.idNumber ? { idNumber: m.applicant.idNumber } : {}),
    },
    ...(m.itemId ? { itemId: m.itemId } : {}),
    ...(m.applicationId ? { applicationId: m.applicationId } : {}),
    request: m.request,
    reasonCategory: m.reason.category,
    ...(m.coordinator ? { coordinatorStaffId: m.coordinator.staffId } : {}),
    meetingCount: m.meetingCount,
    ...(m.reply ? { resolved: m.reply.resolved, repliedAt: m.reply.repliedAt } : {}),
    ...(m.resultingApplication ? { resultingApplicationId: m.resultingApplication.applicationId } : {}),
    recordedAt: m.recordedAt,
    updatedAt: m.updatedAt,
    version: m.version,
  });
}

/**
 * What the applicant who reported a matter sees: their matter, the reply, and when meetings were held with what
 * outcome — not the staff's discussion, attendees or who was assigned.
 */
export function applicantView(m: UnresolvedMatter, meetings: readonly Meeting[]) {
  const {
    coordinator: _c,
    recordedBy: _r,
    lastMeeting: _l,
    reply: given,
    resultingApplication: linked,
    ...rest
  } = m;
  const { repliedBy: _b, ...reply } = given ?? { repliedBy: "" };
  // Nor which staff member linked the application: the applicant sees the application, not who handled it.
  const { linkedBy: _k, ...resultingApplication } = linked ?? { linkedBy: "" };
  return {
    ...rest,
    ...(given ? { reply } : {}),
    ...(linked ? { resultingApplication } : {}),
    meetings: meetings.map((x) => ({ sequence: x.sequence, heldAt: x.heldAt, outcome: x.outcome })),
  };
}
