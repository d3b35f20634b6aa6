import type { CalendarSource } from "#shared/calendar/holiday-schedule.ts";
import { ConflictError, InvalidTransitionError } from "#shared/errors.ts";
import type { PROCEDURE_KINDS } from "../contract/events.ts";

/**
 * A review task: one per accepted application, routed to the item's department in the center where it was accepted.
 * It is open until decided; while a special procedure runs, it is in procedure and cannot be decided.
 */
/** The item's legal basis as the acceptance events carry it from the guide (设定依据; extension per 行政许可法 art. 42). */
export interface LegalBasis {
  provisions: string[];
  extension?: { provision: string; maxWorkingDays: number };
}

export const TASK_STATES = ["open", "inProcedure", "decided"] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const TASK_COMMANDS = [
  "startProcedure",
  "completeProcedure",
  "decide",
  "extend",
  "requestMaterials",
  "recommend",
] as const;
export type TaskCommand = (typeof TASK_COMMANDS)[number];

/** What each state allows, as data; anything else is refused (409). */
export const transitions = {
  open: {
    startProcedure: "inProcedure",
    decide: "decided",
    extend: "open",
    requestMaterials: "open",
    recommend: "open",
  },
  inProcedure: { completeProcedure: "open", extend: "inProcedure", requestMaterials: "inProcedure" },
  decided: {},
} as const satisfies Record<TaskState, Partial<Record<TaskCommand, TaskState>>>;

export function nextTaskState(state: TaskState, command: TaskCommand): TaskState {
  const next = (transitions[state] as Partial<Record<TaskCommand, TaskState>>)[command];
  if (!next) throw new InvalidTransitionError(state, command);
  return next;
}

export interface Procedure {
  id: string;
  kind: (typeof PROCEDURE_KINDS)[number];
  expectedWorkingDays: number;
  reason: string;
  pausesClock: boolean;
  startedAt: string;
  completedAt?: string;
  summary?: string;
  noticeDocumentId: string;
}

export interface ReviewTask {
  id: string;
  applicationId: string;
  centerId: string;
  departmentId: string;
  itemId: string;
  ownerId?: string;
  /** Whom the case's documents are addressed to (行政许可法 art. 38–39), and the item's name: from the acceptance. */
  addressee?: { kind: "person" | "organisation"; name: string };
  itemName?: string;
  /** The item's legal basis (provisions; whether and how far the decision period may be extended, 行政许可法 art. 42). */
  legalBasis?: LegalBasis;
  /** Its one-thing bundle is handled jointly (行政许可法 art. 26): the extension is art. 42 para. 2's, 15 working days. */
  jointHandling?: { bundleId: string; basis: string };
  guideVersion: number;
  /** How it was accepted: by the clerk, deemed (no notice in time), or with deficiencies to cure. */
  acceptance: "accepted" | "deemed" | "tolerant";
  acceptedAt: string;
  committedLimitDays: number;
  statutoryLimitDays: number;
  /**
   * When the decision is due, as review sees it: the committed limit from acceptance, plus an extension, plus the
   * working time special procedures paused. Supervision's clocks are the authority; this orders worklists.
   */
  dueAt?: string;
  /** What `dueAt` rests on: `provisional` while a year it touches has no published schedule (DOMAIN.md). */
  dueCalendar?: CalendarSource;
  state: TaskState;
  assigneeId?: string;
  procedures: Procedure[];
  extension?: {
    extraWorkingDays: number;
    reason: string;
    /** The roster entry (`stf_…`) of the head who approved it. */
    approvedBy: string;
    approverName?: string;
    /** The provision that allows it, from the item's legal basis. */
    provision?: string;
    extendedAt: string;
    noticeDocumentId: string;
  };
  recommendation?: {
    recommendation: "approve" | "deny";
    reason: string;
    recommendedBy: string;
    recommendedAt: string;
  };
  materialRequests: {
    items: { material?: string; checkpoint?: string; reason: string }[];
    requestedAt: string;
    requestedBy: string;
  }[];
  deficiencies?: { materials: string[]; cureDeadline: string; curedAt?: string };
  decision?: {
    decision: "approved" | "denied";
    reasons: string[];
    decidedAt: string;
    deciderId: string;
    documentId: string;
  };
  version: number;
  updatedAt: string;
}

/** A task id follows from its application's (one task per application): a redelivered acceptance makes no second. */
export const taskIdOf = (applicationId: string) =>
  `rvt_${applicationId.slice(applicationId.indexOf("_") + 1)}`;

/** An extension the law does not allow (409, 行政许可法 art. 42). */
export class ExtensionRefusedError extends ConflictError {
  override readonly code: string = "extension-refused";
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(detail, { article: "行政许可法 art. 42", ...extra });
  }
}

/** 行政许可法 art. 42 para. 2: a jointly handled matter's 45 working days may be extended once by 15. */
export const JOINT_EXTENSION = {
  provision: "《中华人民共和国行政许可法》第四十二条第二款",
  maxWorkingDays: 15,
};

/** The person named as approving an extension, as the roster has them. */
export interface Approver {
  staffId: string;
  departmentId?: string;
  head: boolean;
}

/**
 * 行政许可法 art. 42: the period may be extended once, where the law the item rests on allows it, by the approval of the
 * head of the organ, and the extension is decided within the period — after the deadline has passed an extension
 * would turn an overdue case into an on-time one. While a special procedure runs the clock stands still, so the
 * deadline cannot pass meanwhile. Returns what the extension rests on: the provision and the most working days.
 */
export function checkExtension(
  task: Pick<ReviewTask, "extension" | "state" | "dueAt" | "legalBasis" | "departmentId" | "jointHandling">,
  now: string,
  approver: Approver | undefined,
  requestedDays?: number,
): { provision: string; extraWorkingDays: number } {
  if (task.extension) throw new ExtensionRefusedError("The decision period was already extended once.");
  if (task.state === "open" && task.dueAt && now > task.dueAt)
    throw new ExtensionRefusedError(
      `The decision period ended at ${task.dueAt}: an extension is decided within the period, not after it.`,
      { dueAt: task.dueAt },
    );
  // Joint handling: 45 working days for the whole, extendable once by 15 whatever the items' own laws say.
  const allowed = task.jointHandling ? JOINT_EXTENSION : task.legalBasis?.extension;
  if (!allowed)
    throw new ExtensionRefusedError(
      "The item's guide names no legal basis for extending its decision period: it cannot be extended.",
    );
  if (!approver)
    throw new ExtensionRefusedError("The person named as approving the extension is not on the roster.");
  if (!approver.head || approver.departmentId !== task.departmentId)
    throw new ExtensionRefusedError(
      "An extension is approved by the head of the department deciding the case; the person named is not.",
      { approvedBy: approver.staffId },
    );
  if (requestedDays !== undefined && requestedDays > allowed.maxWorkingDays)
    throw new ExtensionRefusedError(
      `${allowed.provision} allows at most ${allowed.maxWorkingDays} working days.`,
      { maxWorkingDays: allowed.maxWorkingDays },
    );
  return { provision: allowed.provision, extraWorkingDays: requestedDays ?? allowed.maxWorkingDays };
}
