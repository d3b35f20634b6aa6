import { retrying } from "#shared/aws/dynamo.ts";
import { ConflictError, NotFoundError } from "#shared/errors.ts";
import { duplicateUnless, type HandlerOutcome } from "#shared/events/consumer.ts";
import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type {
  eLicenseIssued,
  deliveryCompleted,
  deliveryMethodChosen,
  deliveryOpened,
  deliveryReady,
  deliveryReturned,
} from "#services/delivery/contract/result-events.ts";
import type {
  materialsRequested,
  procedureCompleted,
  procedureStarted,
  reviewDecided,
  reviewExtended,
} from "#services/review/contract/events.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import { projectELicense } from "./project-reference.use-case.ts";
import type { Application, CaseDelivery } from "../domain/application.ts";
import { followDecision, followDelivery, withCaseDocument, type CaseStep } from "../domain/case-progress.ts";

type Ports = Pick<IntakePorts, "applications" | "clock">;
/** What every event of a case's stage carries (the envelope, and the case it is about). */
interface CaseEvent {
  id: string;
  type: string;
  occurredAt: string;
  actor: { id: string; role: string };
  data: { applicationId: string };
}

/** An event waiting to be applied with the others of its batch about the same case. */
interface Pending {
  step: CaseStep;
  change: (application: Application) => Application;
  done: (outcome: HandlerOutcome) => void;
  failed: (error: unknown) => void;
}

/** The events about each case that arrived in this turn of the batch, and the case's group being applied. */
const joining = new Map<string, Pending[]>();
const applying = new Map<string, Promise<unknown>>();

/** Another process changed the case meanwhile (rare, see `follow`): read it again and apply the facts to that. */
const CONFLICT_ROUNDS = 5;

/**
 * The applicant's case follows review and delivery (art. 31; issue 16): each of their events a step of the case's
 * history — with what its readers may see, never the sealed text, the decider's authority, a pickup code or who
 * approved an extension — and, where it changes the case, its state, decision, delivery or documents.
 *
 * Idempotent through its own conditional writes, with no record of the event kept (the consumer's `ownIdempotency`,
 * issue 21): the step is written only if absent (its key is the event's id), then the case only if the fact is not in
 * it yet (the domain returns the same application for a fact it holds) and only at the version read. A delivery after
 * a crash between the two finds the step and still records the fact; a delivery that finds both is a duplicate.
 *
 * A batch often brings several events about one case at once (review's decision and the e-license it issued; the
 * delivery's method, readiness and completion). Applied side by side they raced for the case's version — the loser's
 * whole delivery failed and came back (issue 21: three of six did) — and one after the other each rewrote the case.
 * So the events about a case that arrive in the same turn are applied together: their steps written, their facts
 * applied in turn to the case read once, and the case written once. If that write fails, every event of the group
 * fails and comes back; each finds its step and records its fact then.
 */
function follow(
  event: CaseEvent,
  data: Record<string, unknown>,
  change: (application: Application) => Application,
  ports: Ports,
): Promise<HandlerOutcome> {
  const { applicationId } = event.data;
  const step: CaseStep = {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    actor: event.actor,
    data,
  };
  return new Promise((done, failed) => {
    const group = joining.get(applicationId);
    if (group) return group.push({ step, change, done, failed });
    joining.set(applicationId, [{ step, change, done, failed }]);
    // The batch's other events about the case join until its handlers have all been called (setImmediate runs once
    // the promise jobs queued now have run); a group still being applied for the case goes first.
    setImmediate(() => {
      const members = joining.get(applicationId)!;
      joining.delete(applicationId);
      const run = (applying.get(applicationId) ?? Promise.resolve()).then(() =>
        applyGroup(applicationId, members, ports),
      );
      applying.set(applicationId, run);
      void run.then(() => {
        if (applying.get(applicationId) === run) applying.delete(applicationId);
      });
    });
  });
}

/** Apply a group of events about one case: settles each member's promise, never rejects itself. */
async function applyGroup(applicationId: string, members: Pending[], ports: Ports): Promise<void> {
  try {
    let application = await ports.applications.get(applicationId);
    // Review and delivery work only on cases intake accepted: an unknown one is a fault to retry, then the DLQ.
    if (!application) throw new NotFoundError(`No application ${applicationId} to follow.`);
    const added = await Promise.all(members.map((m) => ports.applications.addStep(applicationId, m.step)));
    let changedBy: boolean[] = [];
    await retrying(
      async () => {
        application ??= await ports.applications.get(applicationId);
        const current = application!;
        application = undefined;
        let next = current;
        changedBy = members.map((m) => {
          const before = next;
          next = m.change(before);
          return next !== before;
        });
        // Steps that change nothing of the case (a procedure started, a result opened) write the steps alone.
        if (next === current) return;
        await ports.applications.save({
          ...next,
          version: current.version + 1,
          updatedAt: ports.clock.now().toISOString(),
        });
      },
      (error) => error instanceof ConflictError,
      CONFLICT_ROUNDS,
    );
    members.forEach((m, i) => m.done(duplicateUnless(added[i]!, changedBy[i]!)));
  } catch (error) {
    for (const m of members) m.failed(error);
  }
}

const same = (a: Application) => a;

export const followReviewDecided = (e: TypedEnvelope<typeof reviewDecided>, ports: Ports) =>
  follow(
    e,
    {
      decision: e.data.decision,
      reasons: e.data.reasons,
      decidedAt: e.data.decidedAt,
      documentId: e.data.documentId,
      number: e.data.document.number,
    },
    (a) =>
      followDecision(
        a,
        {
          outcome: e.data.decision,
          decidedAt: e.data.decidedAt,
          documentId: e.data.documentId,
          number: e.data.document.number,
        },
        e.data.document.issuedAt,
      ),
    ports,
  );

export const followProcedureStarted = (e: TypedEnvelope<typeof procedureStarted>, ports: Ports) =>
  follow(
    e,
    {
      procedureId: e.data.procedureId,
      kind: e.data.kind,
      expectedWorkingDays: e.data.expectedWorkingDays,
      pausesClock: e.data.pausesClock,
      startedAt: e.data.startedAt,
      noticeDocumentId: e.data.noticeDocumentId,
    },
    (a) =>
      withCaseDocument(a, {
        id: e.data.noticeDocumentId,
        kind: "procedureNotice",
        number: e.data.noticeNumber ?? e.data.noticeDocumentId,
        issuedAt: e.data.startedAt,
      }),
    ports,
  );

export const followProcedureCompleted = (e: TypedEnvelope<typeof procedureCompleted>, ports: Ports) =>
  follow(
    e,
    { procedureId: e.data.procedureId, kind: e.data.kind, completedAt: e.data.completedAt },
    same,
    ports,
  );

export const followReviewExtended = (e: TypedEnvelope<typeof reviewExtended>, ports: Ports) =>
  follow(
    e,
    {
      extraWorkingDays: e.data.extraWorkingDays,
      reason: e.data.reason,
      extendedAt: e.data.extendedAt,
      noticeDocumentId: e.data.noticeDocumentId,
    },
    (a) =>
      withCaseDocument(a, {
        id: e.data.noticeDocumentId,
        kind: "extensionNotice",
        number: e.data.noticeNumber ?? e.data.noticeDocumentId,
        issuedAt: e.data.extendedAt,
      }),
    ports,
  );

export const followMaterialsRequested = (e: TypedEnvelope<typeof materialsRequested>, ports: Ports) =>
  follow(e, { items: e.data.items, requestedAt: e.data.requestedAt }, same, ports);

/** Delivery's progress as one of its events reports it, for the case's `delivery`. */
const progressed =
  (
    e: { data: { deliveryId: string; method?: string } },
    progress: CaseDelivery["progress"],
    at: string,
    extra: Partial<CaseDelivery> = {},
  ) =>
  (a: Application) =>
    followDelivery(a, {
      deliveryId: e.data.deliveryId,
      progress,
      ...(e.data.method ? { method: e.data.method } : {}),
      at,
      ...extra,
    });

export const followDeliveryOpened = (e: TypedEnvelope<typeof deliveryOpened>, ports: Ports) =>
  follow(
    e,
    { offeredMethods: e.data.offeredMethods, openedAt: e.data.openedAt },
    progressed(e, "awaitingChoice", e.data.openedAt),
    ports,
  );

export const followDeliveryMethodChosen = (e: TypedEnvelope<typeof deliveryMethodChosen>, ports: Ports) =>
  follow(
    e,
    {
      method: e.data.method,
      ...(e.data.previousMethod ? { previousMethod: e.data.previousMethod } : {}),
      chosenAt: e.data.chosenAt,
    },
    progressed(e, "methodChosen", e.data.chosenAt),
    ports,
  );

// The instructions stay out: they may hold the pickup code or the result link, which only the applicant is sent.
export const followDeliveryReady = (e: TypedEnvelope<typeof deliveryReady>, ports: Ports) => {
  const expires = e.data.expiresAt ? { expiresAt: e.data.expiresAt } : {};
  return follow(
    e,
    { method: e.data.method, readyAt: e.data.readyAt, ...expires },
    progressed(e, "ready", e.data.readyAt, expires),
    ports,
  );
};

export const followDeliveryReturned = (e: TypedEnvelope<typeof deliveryReturned>, ports: Ports) =>
  follow(
    e,
    { method: e.data.method, returnedAt: e.data.returnedAt },
    progressed(e, "returned", e.data.returnedAt),
    ports,
  );

export const followDeliveryCompleted = (e: TypedEnvelope<typeof deliveryCompleted>, ports: Ports) =>
  follow(
    e,
    { method: e.data.method, completedAt: e.data.completedAt },
    progressed(e, "completed", e.data.completedAt, { completedAt: e.data.completedAt }),
    ports,
  );

/**
 * An e-license an approval issued (art. 36): registered for the holder's later applications, which reuse it instead of
 * paper, and one of this case's documents (the step names no holder).
 */
export async function onELicenseIssued(
  e: TypedEnvelope<typeof eLicenseIssued>,
  ports: Ports & Pick<IntakePorts, "eLicenses">,
): Promise<HandlerOutcome> {
  // The registration and the case's part side by side (so the case's part joins the batch's other events about the
  // case): a delivery after either failed finishes the other; a duplicate only when both were there.
  const [registered, followed] = await Promise.all([
    projectELicense(e, ports),
    follow(
      e,
      {
        licenseId: e.data.licenseId,
        licenseType: e.data.licenseType,
        number: e.data.number,
        issuedAt: e.data.issuedAt,
      },
      (a) =>
        withCaseDocument(a, {
          id: e.data.licenseId,
          kind: "eLicense",
          number: e.data.number,
          issuedAt: e.data.issuedAt,
        }),
      ports,
    ),
  ]);
  return registered ? undefined : followed;
}
