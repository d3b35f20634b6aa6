import type { CalendarSource } from "#shared/calendar/holiday-schedule.ts";
import { REVIEW_DOCUMENT_KINDS } from "#services/review/contract/events.ts";
import { InvalidTransitionError } from "#shared/errors.ts";
import type { Applicant } from "./applicant.ts";
import type { GuideSnapshot } from "./guide-snapshot.ts";
import type { ApplicationMaterial } from "./materials.ts";

/**
 * A case as its applicant follows it. Intake decides the first part: from submission to one of the four acceptance
 * outcomes of art. 27 — accepted, correction requested, accepted with deficiencies (tolerant), rejected — plus deemed
 * acceptance when no notice came in time. The rest it projects from the services that own it (issue 16): `decided`
 * when review's decision is issued, `delivered` when the result reached the applicant (art. 31: the applicant can
 * follow the case's progress and result in one place).
 */
export const STATES = [
  "submitted",
  "awaitingCorrection",
  "accepted",
  "acceptedWithDeficiencies",
  "rejected",
  "decided",
  "delivered",
] as const;
export type ApplicationState = (typeof STATES)[number];

export const COMMANDS = [
  "accept",
  "requestCorrection",
  "acceptWithDeficiencies",
  "reject",
  "supplement",
  "cureDeficiencies",
  "deemAccept",
  "recordDecision",
  "recordDelivery",
] as const;
export type ApplicationCommand = (typeof COMMANDS)[number];

type Transitions = { [S in ApplicationState]: Partial<Record<ApplicationCommand, ApplicationState>> };

/** The whole state machine, as data: what is not listed is refused. */
export const transitions = {
  // art. 27: the clerk decides once per arrival of materials; deemed acceptance if no notice came in time.
  submitted: {
    accept: "accepted",
    requestCorrection: "awaitingCorrection",
    acceptWithDeficiencies: "acceptedWithDeficiencies",
    reject: "rejected",
    deemAccept: "accepted",
  },
  // art. 27(二): the applicant's supplements return it to acceptance, with a fresh acceptance window.
  awaitingCorrection: { supplement: "submitted" },
  // art. 27(三): curing every deficiency makes it an ordinary accepted case; not curing is review's denial.
  acceptedWithDeficiencies: { cureDeficiencies: "accepted", recordDecision: "decided" },
  // Review decides (行政许可法 art. 38); delivery completes the case (art. 32). Intake only records what they did.
  accepted: { recordDecision: "decided" },
  decided: { recordDelivery: "delivered" },
  rejected: {},
  delivered: {},
} as const satisfies Transitions;

export function nextState(state: ApplicationState, command: ApplicationCommand): ApplicationState {
  const next = (transitions[state] as Partial<Record<ApplicationCommand, ApplicationState>>)[command];
  if (!next) throw new InvalidTransitionError(state, command);
  return next;
}

export interface CorrectionItem {
  material?: string;
  checkpoint?: string;
  reason: string;
}

export interface DocumentRef {
  id: string;
  kind: CaseDocumentKind;
  number: string;
  issuedAt: string;
}

export const DOCUMENT_KINDS = [
  "acceptanceReceipt",
  "correctionNotice",
  "tolerantAcceptanceNotice",
  "rejectionNotice",
  "deemedAcceptanceReceipt",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * Every document issued on a case, by intake, by review (its sealed decisions and the notices of 行政许可法 art. 42,
 * 45, named by review's event contract) or with the delivery (the e-license an approval issues, art. 36): what the
 * case's documents list holds.
 */
export const CASE_DOCUMENT_KINDS = [...DOCUMENT_KINDS, ...REVIEW_DOCUMENT_KINDS, "eLicense"] as const;
export type CaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number];

export const DELIVERY_PROGRESS = [
  "awaitingChoice",
  "methodChosen",
  "ready",
  "returned",
  "completed",
] as const;

export interface CaseDecision {
  outcome: "approved" | "denied";
  decidedAt: string;
  documentId: string;
  number: string;
}

export interface CaseDelivery {
  deliveryId: string;
  progress: (typeof DELIVERY_PROGRESS)[number];
  method?: string;
  /** When the progress last changed. */
  at: string;
  /** Until when a locker holds it or a link works (delivery.ready). */
  expiresAt?: string;
  completedAt?: string;
}

/**
 * Joint handling of a one-thing bundle (统一办理、联合办理、集中办理, 行政许可法 art. 26), on the government's decision: one
 * decision period for the whole — 45 working days, extendable once by 15 (art. 42 para. 2) — instead of each item's own.
 */
export const JOINT_HANDLING_DAYS = 45;
export interface JointHandling {
  bundleId: string;
  /** The decision that the one-thing is handled jointly (its document number). */
  basis: string;
  /** The bundle's committed limit: the longest of its items', at most 45 working days. */
  committedLimitDays: number;
}

/** The decision period an application runs on: its item's guide, or the joint handling of its bundle. */
export function decisionLimits(a: Pick<Application, "guide" | "jointHandling">) {
  const g = a.guide.guide;
  return a.jointHandling
    ? { committedLimitDays: a.jointHandling.committedLimitDays, statutoryLimitDays: JOINT_HANDLING_DAYS }
    : { committedLimitDays: g.committedLimitDays, statutoryLimitDays: g.statutoryLimitDays };
}

/** Art. 19: the first staff member to act on an application becomes its first-contact owner, once. */
export const withFirstContact = (a: Application, staffId: string, at: string): Application =>
  a.firstContact ? a : { ...a, firstContact: { ownerId: staffId, at } };

export interface Application {
  id: string;
  centerId: string;
  itemId: string;
  itemName: string;
  departmentId: string;
  channel: "online" | "window";
  applicant: Applicant;
  /** The applicant identity (token `sub`) that may see it; none for a walk-in without an account. */
  ownerId?: string;
  submittedBy: { id: string; role: string };
  /**
   * The first-contact owner (首问负责人, art. 19): the staff member who first received the application — the clerk at
   * the window, or for an online application the one who first acted on it — answers the applicant's questions on it.
   */
  firstContact?: { ownerId: string; at: string };
  /** The guide version in force at submission: corrections may not ask beyond it (art. 27(二), 28). */
  guide: GuideSnapshot;
  materials: ApplicationMaterial[];
  assistedHandling?: { kind: "help" | "proxy"; staffId?: string };
  /** Submitted by an agent for the applicant (代办), under this authorisation (issue 15). */
  actingFor?: { authorisationId: string; agentName: string };
  crossRegion?: { homeCenterId: string; remoteWindowId?: string };
  bundleId?: string;
  jointHandling?: JointHandling;
  state: ApplicationState;
  submittedAt: string;
  /** When the (latest) materials arrived: the acceptance window and a deemed acceptance count from here. */
  materialsArrivedAt: string;
  acceptedAt?: string;
  /** `calendar`: where a computed deadline's working days came from (`provisional`: the statutory holidays alone). */
  correction?: { items: CorrectionItem[]; deadline: string; calendar?: CalendarSource };
  deficiencies?: { materials: string[]; cureDeadline: string; calendar?: CalendarSource; curedAt?: string };
  rejection?: { reasons: string[] };
  /** Review's decision, as its event told (行政许可法 art. 38). */
  decision?: CaseDecision;
  /** Where the result's delivery stands, as delivery's events told (art. 32). */
  delivery?: CaseDelivery;
  documents: DocumentRef[];
  version: number;
  updatedAt: string;
}
