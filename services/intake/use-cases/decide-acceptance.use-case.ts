import { causedBy, systemActor, type Caller } from "#shared/auth/caller.ts";
import { assertCenterScope } from "#shared/auth/principal.ts";
import type { CalendarSource } from "#shared/calendar/holiday-schedule.ts";
import { calendarOverrides } from "#shared/calendar/working-days.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import { withNextNumber } from "#shared/aws/sequence.ts";
import { sealDocument } from "#shared/signing/sealed-document.ts";
import { ValidationError } from "#shared/errors.ts";
import type { HandlerOutcome } from "#shared/events/consumer.ts";
import { newEvent, type Envelope, type EventContext, type TypedEnvelope } from "#shared/events/envelope.ts";
import type { acceptanceWindowExpired } from "#services/supervision/monitoring/contract/events.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import {
  acceptanceWindowLastDay,
  AcceptanceWindowPassedError,
  checkAcceptable,
  checkCorrection,
  checkMayAccept,
  checkTolerant,
  type AcceptanceDecision,
} from "../domain/acceptance.ts";
import {
  decisionLimits,
  nextState,
  withFirstContact,
  type Application,
  type ApplicationCommand,
} from "../domain/application.ts";
import {
  documentBody,
  documentNumber,
  legalBasisOf,
  TITLES,
  type AcceptanceDocument,
  type AcceptanceDocumentContent,
  type Decision,
} from "../domain/documents.ts";
import {
  acceptedWithDeficiencies,
  applicationAccepted,
  applicationRejected,
  correctionRequested,
  deemedAccepted,
} from "../contract/events.ts";

type Ports = Pick<
  IntakePorts,
  "applications" | "reference" | "clock" | "ids" | "policy" | "calendar" | "seal"
>;

const COMMAND: Record<AcceptanceDecision["outcome"], ApplicationCommand> = {
  accepted: "accept",
  correction: "requestCorrection",
  tolerant: "acceptWithDeficiencies",
  rejected: "reject",
};

/**
 * A deadline the clerk gave, or the policy's number of working days from today in the center's calendar — with the
 * calendar it was counted on, so a notice resting on a provisional year says so.
 */
async function deadline(
  given: string | undefined,
  days: number,
  centerId: string,
  path: string,
  ports: Ports,
): Promise<{ date: string; calendar?: CalendarSource }> {
  const today = businessDate(ports.clock.now());
  if (given) {
    if (given <= today) throw new ValidationError([{ path: [path], message: "must be after today" }]);
    return { date: given };
  }
  const [calendar, closures] = await Promise.all([
    ports.calendar.calendar(),
    ports.reference.closures(centerId),
  ]);
  const date = calendar.addWorkingDays(today, days, calendarOverrides({ closed: closures }));
  return { date, calendar: calendar.basis(today, date) };
}

/**
 * Issue a decision's document and record the decision, together (art. 27, 29). The number is the next of its series
 * and year — the window's when the clerk names the window (`2026-A03-000012`), else the center's — taken in the same
 * transaction: no gaps, no duplicates; a race for the number is retried. A series per window keeps a center's windows
 * from queueing behind one counter (issue 15): each window decides one case at a time, so its series is never contended.
 */
async function issue(
  application: Application,
  decision: Decision,
  next: (document: AcceptanceDocument) => { application: Application; event: Envelope },
  issuedBy: string,
  ports: Ports,
  series?: string,
) {
  const center = await ports.reference.center(application.centerId);
  const centerName = center?.name ?? application.centerId;
  return withNextNumber(async () => {
    const issuedAt = ports.clock.now().toISOString();
    const year = Number(businessDate(new Date(issuedAt)).slice(0, 4));
    const sequence = (await ports.applications.lastNumber(application.centerId, year, series)) + 1;
    const content: AcceptanceDocumentContent = {
      id: ports.ids.next("doc"),
      applicationId: application.id,
      centerId: application.centerId,
      kind: decision.kind,
      number: documentNumber(year, sequence, series),
      year,
      ...(series ? { series } : {}),
      sequence,
      issuedAt,
      issuedBy,
      addressee: { kind: application.applicant.kind, name: application.applicant.name },
      itemName: application.itemName,
      legalBasis: legalBasisOf(application, decision.kind),
      title: TITLES[decision.kind],
      body: documentBody(application, decision, centerName),
    };
    // Art. 29: under the center's approval seal, signed like review's decisions.
    const document = await sealDocument(
      content,
      { sealId: `seal:${application.centerId}`, sealName: `${centerName}行政审批专用章`, sealedAt: issuedAt },
      ports.seal,
    );
    const result = next(document);
    await ports.applications.decide(result.application, document, result.event);
    return { application: result.application, document };
  });
}

/** The series of a window of the center (its code), where the clerk decides: 400 naming `windowId` otherwise. */
async function windowSeries(centerId: string, windowId: string, ports: Ports): Promise<string> {
  const window = await ports.reference.window(centerId, windowId);
  if (!window) throw new ValidationError([{ path: ["windowId"], message: "not a window of this center" }]);
  return window.code;
}

const withDocument = (
  a: Application,
  d: AcceptanceDocument,
  changes: Partial<Application>,
  now: string,
): Application => ({
  ...a,
  ...changes,
  documents: [...a.documents, { id: d.id, kind: d.kind, number: d.number, issuedAt: d.issuedAt }],
  version: a.version + 1,
  updatedAt: now,
});

/** Whom review's documents on the case will be addressed to, and for which item (行政许可法 art. 38–39). */
const addressedTo = (application: Application) => ({
  addressee: { kind: application.applicant.kind, name: application.applicant.name },
  itemName: application.itemName,
  ...(application.guide.guide.legalBasis ? { legalBasis: application.guide.guide.legalBasis } : {}),
  ...(application.jointHandling
    ? {
        jointHandling: {
          bundleId: application.jointHandling.bundleId,
          basis: application.jointHandling.basis,
        },
      }
    : {}),
});

/**
 * 行政许可法 art. 32: once the acceptance window is over with no decision, the application is accepted as of the
 * materials' arrival — a fact at the end of the window, not when the minute sweep gets to it. A decision after that is
 * refused (409), and the deemed acceptance is recorded there and then (the sweep stays as the backstop).
 */
async function refuseAfterTheWindow(application: Application, caller: Caller, ports: Ports): Promise<void> {
  if (application.state !== "submitted") return;
  const [calendar, closures] = await Promise.all([
    ports.calendar.calendar(),
    ports.reference.closures(application.centerId),
  ]);
  const lastDay = acceptanceWindowLastDay(
    application.materialsArrivedAt,
    ports.policy.acceptanceWindowDays,
    calendar,
    calendarOverrides({ closed: closures }),
  );
  if (businessDate(ports.clock.now()) <= lastDay) return;
  const deemed = await deemAccepted(
    {
      applicationId: application.id,
      materialsArrivedAt: application.materialsArrivedAt,
      correlationId: caller.correlationId,
    },
    ports,
  );
  throw new AcceptanceWindowPassedError(lastDay, application.materialsArrivedAt, deemed?.document);
}

/**
 * The clerk's acceptance decision (art. 27), by a clerk of the application's center who may accept the item there
 * (art. 26: its department's window, or a comprehensive window under a delegation in force), on the guide it snapshotted:
 * accepted → receipt; correction → one-time correction notice bound to the guide; tolerant → accepted with the
 * tolerable deficiencies to cure by a deadline; rejected → notice with reasons.
 */
export async function decideAcceptance(
  applicationId: string,
  decision: AcceptanceDecision,
  caller: Caller,
  ports: Ports,
) {
  const loaded = await ports.applications.get(applicationId);
  if (!loaded)
    throw new ValidationError([{ path: ["path", "applicationId"], message: "no such application" }]);
  assertCenterScope(caller.principal, loaded.centerId);
  // Art. 19: an online application's first-contact owner is the clerk who first decides on it.
  const application = withFirstContact(loaded, caller.principal.sub, ports.clock.now().toISOString());
  const status = await ports.reference.itemStatus(application.centerId, application.itemId);
  checkMayAccept(caller.principal, application, status?.status.delegation, businessDate(ports.clock.now()));
  await refuseAfterTheWindow(application, caller, ports);
  const state = nextState(application.state, COMMAND[decision.outcome]);
  const series = decision.windowId
    ? await windowSeries(application.centerId, decision.windowId, ports)
    : undefined;
  const context: EventContext = causedBy(caller, "intake", application.id);
  const ref = {
    applicationId,
    centerId: application.centerId,
    itemId: application.itemId,
    departmentId: application.departmentId,
    ownerId: application.ownerId,
  };
  const limits = {
    ...decisionLimits(application),
    guideVersion: application.guide.version,
    ...addressedTo(application),
  };

  switch (decision.outcome) {
    case "accepted": {
      checkAcceptable(application);
      return issue(
        application,
        { kind: "acceptanceReceipt" },
        (d) => ({
          application: withDocument(application, d, { state, acceptedAt: d.issuedAt }, d.issuedAt),
          event: newEvent(
            applicationAccepted,
            { ...ref, ...limits, acceptedAt: d.issuedAt, receiptDocumentId: d.id },
            context,
            ports,
          ),
        }),
        caller.principal.sub,
        ports,
        series,
      );
    }
    case "correction": {
      checkCorrection(application, decision.items);
      const { date: until, calendar } = await deadline(
        decision.deadline,
        ports.policy.correctionDeadlineDays,
        application.centerId,
        "deadline",
        ports,
      );
      const counted = calendar ? { calendar } : {};
      return issue(
        application,
        { kind: "correctionNotice", items: decision.items, deadline: until, ...counted },
        (d) => ({
          application: withDocument(
            application,
            d,
            { state, correction: { items: decision.items, deadline: until, ...counted } },
            d.issuedAt,
          ),
          event: newEvent(
            correctionRequested,
            {
              ...ref,
              items: decision.items,
              deadline: until,
              ...(calendar ? { deadlineCalendar: calendar } : {}),
              documentId: d.id,
            },
            context,
            ports,
          ),
        }),
        caller.principal.sub,
        ports,
        series,
      );
    }
    case "tolerant": {
      const missing = checkTolerant(application, decision.missing);
      const { date: cureDeadline, calendar } = await deadline(
        decision.cureDeadline,
        ports.policy.cureDeadlineDays,
        application.centerId,
        "cureDeadline",
        ports,
      );
      const counted = calendar ? { calendar } : {};
      return issue(
        application,
        { kind: "tolerantAcceptanceNotice", missing, cureDeadline, ...counted },
        (d) => ({
          application: withDocument(
            application,
            d,
            {
              state,
              acceptedAt: d.issuedAt,
              deficiencies: { materials: missing, cureDeadline, ...counted },
            },
            d.issuedAt,
          ),
          event: newEvent(
            acceptedWithDeficiencies,
            {
              ...ref,
              ...limits,
              acceptedAt: d.issuedAt,
              missingMaterials: missing,
              cureDeadline,
              ...(calendar ? { cureDeadlineCalendar: calendar } : {}),
              documentId: d.id,
            },
            context,
            ports,
          ),
        }),
        caller.principal.sub,
        ports,
        series,
      );
    }
    case "rejected": {
      return issue(
        application,
        { kind: "rejectionNotice", reasons: decision.reasons },
        (d) => ({
          application: withDocument(
            application,
            d,
            { state, rejection: { reasons: decision.reasons } },
            d.issuedAt,
          ),
          event: newEvent(
            applicationRejected,
            { ...ref, reasons: decision.reasons, rejectedAt: d.issuedAt, documentId: d.id },
            context,
            ports,
          ),
        }),
        caller.principal.sub,
        ports,
        series,
      );
    }
  }
}

/**
 * Deemed acceptance (行政许可法 art. 32; art. 27(二)): supervision reports that the acceptance window of the current
 * materials passed with no decision — the application counts as accepted as of the day the materials arrived. A
 * report about materials that were since supplemented, or a case already decided, changes nothing.
 */
export async function deemAccepted(
  report: { applicationId: string; materialsArrivedAt: string; correlationId: string },
  ports: Ports,
  loaded?: Application,
): Promise<{ application: Application; document: AcceptanceDocument } | undefined> {
  const application = loaded ?? (await ports.applications.get(report.applicationId));
  if (
    !application ||
    application.state !== "submitted" ||
    application.materialsArrivedAt !== report.materialsArrivedAt
  ) {
    return undefined;
  }
  const state = nextState(application.state, "deemAccept");
  const context: EventContext = {
    source: "intake",
    subject: application.id,
    actor: systemActor("deemed-acceptance"),
    correlationId: report.correlationId,
  };
  return issue(
    application,
    { kind: "deemedAcceptanceReceipt" },
    (d) => ({
      application: withDocument(
        application,
        d,
        { state, acceptedAt: application.materialsArrivedAt },
        d.issuedAt,
      ),
      event: newEvent(
        deemedAccepted,
        {
          applicationId: application.id,
          centerId: application.centerId,
          itemId: application.itemId,
          departmentId: application.departmentId,
          ownerId: application.ownerId,
          ...decisionLimits(application),
          guideVersion: application.guide.version,
          ...addressedTo(application),
          acceptedAsOf: application.materialsArrivedAt,
          receiptDocumentId: d.id,
        },
        context,
        ports,
      ),
    }),
    "system:deemed-acceptance",
    ports,
  );
}

/**
 * Consumes supervision's `clock.acceptance-window-expired`, with no record of the event kept (the consumer's
 * `ownIdempotency`, issue 21): the deemed acceptance is one transaction, conditional on the version read, and only a
 * case still submitted on these materials is deemed accepted — so a repeat finds the case accepted as of these
 * materials by a deemed-acceptance receipt, and is a duplicate; two deliveries at once leave one receipt (the loser's
 * transaction is refused, and its retry finds the case accepted).
 */
export async function onAcceptanceWindowExpired(
  event: TypedEnvelope<typeof acceptanceWindowExpired>,
  ports: Ports,
): Promise<HandlerOutcome> {
  const report = { ...event.data, correlationId: event.correlationId };
  const application = await ports.applications.get(report.applicationId);
  const deemedBefore =
    application?.acceptedAt === report.materialsArrivedAt &&
    application.documents.some((d) => d.kind === "deemedAcceptanceReceipt");
  if (deemedBefore) return "duplicate";
  await deemAccepted(report, ports, application);
}
