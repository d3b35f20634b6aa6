import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { withNextNumber } from "#shared/aws/sequence.ts";
import { ConflictError, NotFoundError, ValidationError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import { checkCitesGuide } from "#shared/rules/guide-citations.ts";
import type { ReviewPorts } from "../adapters/ports.ts";
import { assertMayRecommend, assertWorksOn } from "../domain/authority.ts";
import { taskDue } from "../domain/due.ts";
import { checkExtension, nextTaskState, type Procedure, type ReviewTask } from "../domain/task.ts";
import {
  materialsRequested,
  procedureCompleted,
  procedureStarted,
  reviewExtended,
  reviewRecommended,
  type PROCEDURE_KINDS,
} from "../contract/events.ts";
import { issueDocument } from "./issue-document.ts";
import { taskOr404 } from "./load.ts";

/** Only the steps that issue a notice (start a procedure, extend) need the seal. */
type Ports = Omit<ReviewPorts, "seal">;

const ref = (t: ReviewTask) => ({
  applicationId: t.applicationId,
  taskId: t.id,
  centerId: t.centerId,
  departmentId: t.departmentId,
});
const bump = (t: ReviewTask, now: string, changes: Partial<ReviewTask>): ReviewTask => ({
  ...t,
  ...changes,
  version: t.version + 1,
  updatedAt: now,
});

/** The task with its advisory due date computed again from its facts (after a pause ended, an extension). */
async function withDue(task: ReviewTask, ports: Pick<Ports, "calendar">): Promise<ReviewTask> {
  const { dueAt, calendar } = taskDue(task, await ports.calendar.calendar());
  return { ...task, dueAt, dueCalendar: calendar };
}

/**
 * Start a special procedure (行政许可法 art. 45): hearing, bidding, auction, inspection, testing, quarantine, appraisal,
 * expert review — and public notice if local policy says it pauses. The applicant is told in writing how long it takes;
 * `review.procedure-started` tells supervision to stop the review clock until it completes.
 */
export async function startProcedure(
  applicationId: string,
  input: { kind: (typeof PROCEDURE_KINDS)[number]; expectedWorkingDays: number; reason: string },
  caller: Caller,
  ports: ReviewPorts,
): Promise<ReviewTask> {
  const task = await taskOr404(applicationId, caller.principal, ports);
  assertWorksOn(caller.principal, task);
  const state = nextTaskState(task.state, "startProcedure");
  const pausesClock = input.kind !== "publicNotice" || ports.policy.publicNoticePauses;
  return withNextNumber(async () => {
    const { document, items } = await issueDocument(
      task,
      {
        kind: "procedureNotice",
        procedure: input.kind,
        expectedWorkingDays: input.expectedWorkingDays,
        pausesClock,
      },
      caller.principal.sub,
      ports,
    );
    const procedure: Procedure = {
      id: ports.ids.next("prc"),
      ...input,
      pausesClock,
      startedAt: document.issuedAt,
      noticeDocumentId: document.id,
    };
    const next = bump(task, document.issuedAt, { state, procedures: [...task.procedures, procedure] });
    const event = newEvent(
      procedureStarted,
      {
        ...ref(task),
        procedureId: procedure.id,
        kind: input.kind,
        expectedWorkingDays: input.expectedWorkingDays,
        pausesClock,
        startedAt: procedure.startedAt,
        noticeDocumentId: document.id,
        noticeNumber: document.number,
      },
      causedBy(caller, "review", applicationId),
      ports,
    );
    await ports.tasks.update(next, [event], items);
    return next;
  });
}

/**
 * Complete the running procedure: review resumes, and the advisory due date moves by exactly the working time the
 * procedure paused — the same arithmetic supervision applies to its clock (DOMAIN.md: pauses extend by the working
 * time paused).
 */
export async function completeProcedure(
  applicationId: string,
  procedureId: string,
  input: { summary: string },
  caller: Caller,
  ports: Ports,
): Promise<ReviewTask> {
  const task = await taskOr404(applicationId, caller.principal, ports);
  assertWorksOn(caller.principal, task);
  const procedure = task.procedures.find((p) => p.id === procedureId);
  if (!procedure) throw new NotFoundError(`No procedure ${procedureId} on this case.`);
  if (procedure.completedAt) throw new ConflictError("This procedure has already completed.");
  const state = nextTaskState(task.state, "completeProcedure");
  const now = ports.clock.now().toISOString();
  const next = await withDue(
    bump(task, now, {
      state,
      procedures: task.procedures.map((p) =>
        p.id === procedureId ? { ...p, completedAt: now, summary: input.summary } : p,
      ),
    }),
    ports,
  );
  const event = newEvent(
    procedureCompleted,
    { ...ref(task), procedureId, kind: procedure.kind, pausesClock: procedure.pausesClock, completedAt: now },
    causedBy(caller, "review", applicationId),
    ports,
  );
  await ports.tasks.update(next, [event]);
  return next;
}

/**
 * Extend the decision period once, as far as the item's legal basis allows (行政许可法 art. 42: ten working days for
 * most licences), with the department head on the roster who approved it and a reason; the applicant gets the
 * extension notice.
 */
export async function extend(
  applicationId: string,
  input: { approvedBy: string; reason: string; extraWorkingDays?: number },
  caller: Caller,
  ports: ReviewPorts,
): Promise<ReviewTask> {
  const task = await taskOr404(applicationId, caller.principal, ports);
  assertWorksOn(caller.principal, task);
  const state = nextTaskState(task.state, "extend");
  const approver = await ports.reference.rosterEntry(input.approvedBy);
  const { provision, extraWorkingDays } = checkExtension(
    task,
    ports.clock.now().toISOString(),
    approver,
    input.extraWorkingDays,
  );
  const approval = { approvedBy: input.approvedBy, approverName: approver!.name, provision };
  return withNextNumber(async () => {
    const { document, items } = await issueDocument(
      task,
      { kind: "extensionNotice", extraWorkingDays, reason: input.reason, ...approval },
      caller.principal.sub,
      ports,
    );
    const next = await withDue(
      bump(task, document.issuedAt, {
        state,
        extension: {
          extraWorkingDays,
          reason: input.reason,
          ...approval,
          extendedAt: document.issuedAt,
          noticeDocumentId: document.id,
        },
      }),
      ports,
    );
    const event = newEvent(
      reviewExtended,
      {
        ...ref(task),
        extraWorkingDays,
        reason: input.reason,
        approvedBy: input.approvedBy,
        provision,
        extendedAt: document.issuedAt,
        noticeDocumentId: document.id,
        noticeNumber: document.number,
      },
      causedBy(caller, "review", applicationId),
      ports,
    );
    await ports.tasks.update(next, [event], items);
    return next;
  });
}

/** Ask the applicant for materials — only what the guide the application follows requires (art. 28). */
export async function requestMaterials(
  applicationId: string,
  input: { items: { material?: string; checkpoint?: string; reason: string }[] },
  caller: Caller,
  ports: Ports,
): Promise<ReviewTask> {
  const task = await taskOr404(applicationId, caller.principal, ports);
  assertWorksOn(caller.principal, task);
  const guide = await ports.reference.guide(task.itemId, task.guideVersion);
  if (!guide)
    throw new ValidationError([
      { path: ["items"], message: "the guide this application follows is not known to review yet" },
    ]);
  checkCitesGuide(
    input.items,
    guide,
    "Review may only ask for what the guide requires (art. 28: no hidden requirements).",
  );
  const state = nextTaskState(task.state, "requestMaterials");
  const now = ports.clock.now().toISOString();
  const next = bump(task, now, {
    state,
    materialRequests: [
      ...task.materialRequests,
      { items: input.items, requestedAt: now, requestedBy: caller.principal.sub },
    ],
  });
  await ports.tasks.update(next, [
    newEvent(
      materialsRequested,
      { ...ref(task), items: input.items, requestedAt: now },
      causedBy(caller, "review", applicationId),
      ports,
    ),
  ]);
  return next;
}

/** The chief representative's recommendation on an item outside the authorized list (art. 44). */
export async function recommend(
  applicationId: string,
  input: { recommendation: "approve" | "deny"; reason: string },
  caller: Caller,
  ports: Ports,
): Promise<ReviewTask> {
  const task = await taskOr404(applicationId, caller.principal, ports);
  assertMayRecommend(caller.principal, task, await ports.reference.authorization(task.centerId, task.itemId));
  const state = nextTaskState(task.state, "recommend");
  const now = ports.clock.now().toISOString();
  const recommendation = { ...input, recommendedBy: caller.principal.sub, recommendedAt: now };
  const next = bump(task, now, { state, recommendation });
  await ports.tasks.update(next, [
    newEvent(
      reviewRecommended,
      { ...ref(task), ...recommendation },
      causedBy(caller, "review", applicationId),
      ports,
    ),
  ]);
  return next;
}
