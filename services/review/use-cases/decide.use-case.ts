import { causedBy, systemActor, type Caller } from "#shared/auth/caller.ts";
import { withNextNumber } from "#shared/aws/sequence.ts";
import { ValidationError } from "#shared/errors.ts";
import type { HandlerOutcome } from "#shared/events/consumer.ts";
import { eventSortKey, newEvent, type EventContext, type TypedEnvelope } from "#shared/events/envelope.ts";
import type { cureDeadlineExpired } from "#services/supervision/monitoring/contract/events.ts";
import type { ReviewPorts } from "../adapters/ports.ts";
import { taskPk } from "../adapters/task-store.ts";
import { claimOverride, decisionAuthority, type Basis } from "../domain/authority.ts";
import { nextTaskState, type ReviewTask } from "../domain/task.ts";
import { reviewDecided } from "../contract/events.ts";
import { issueDocument } from "./issue-document.ts";
import { isResident, taskOr404 } from "./load.ts";

type Ports = ReviewPorts;

/** Who denies a tolerant acceptance left uncured (its id is the decision's `deciderId`). */
const CURE_EXPIRY = systemActor("cure-expiry");

/** Record a decision with its sealed document; conditional on the task's version — one of two deciders wins. */
async function record(
  task: ReviewTask,
  decision: "approved" | "denied",
  reasons: string[],
  deciderId: string,
  basis: Basis | { kind: "cureExpired" },
  context: EventContext,
  ports: Ports,
): Promise<ReviewTask> {
  const state = nextTaskState(task.state, "decide");
  return withNextNumber(async () => {
    const { document, itemsWithBodyIn } = await issueDocument(
      task,
      { kind: decision === "approved" ? "approvalDecision" : "denialDecision", reasons },
      deciderId,
      ports,
    );
    const next: ReviewTask = {
      ...task,
      state,
      decision: { decision, reasons, decidedAt: document.issuedAt, deciderId, documentId: document.id },
      version: task.version + 1,
      updatedAt: document.issuedAt,
    };
    const event = newEvent(
      reviewDecided,
      {
        applicationId: task.applicationId,
        taskId: task.id,
        centerId: task.centerId,
        departmentId: task.departmentId,
        itemId: task.itemId,
        decision,
        reasons,
        decidedAt: document.issuedAt,
        deciderId,
        basis,
        documentId: document.id,
        document: {
          id: document.id,
          number: document.number,
          title: document.title,
          body: document.body,
          issuedAt: document.issuedAt,
          sealName: document.seal.sealName,
          sha256: document.seal.sha256,
        },
      },
      context,
      ports,
    );
    // The event carries the sealed body (its contract) and is kept forever: the document item refers to it.
    await ports.tasks.update(
      next,
      [event],
      itemsWithBodyIn({ pk: taskPk(task.applicationId), sk: eventSortKey(event.id) }),
    );
    return next;
  });
}

/**
 * Decide (art. 28, 44): approved or denied — a denial states its reasons. Only the authority the item has in this
 * center may decide (decisionAuthority), and the basis is recorded; not while a special procedure runs.
 */
export async function decide(
  applicationId: string,
  input: { decision: "approved" | "denied"; reason?: string; reasons?: string[] },
  caller: Caller,
  ports: Ports,
): Promise<ReviewTask> {
  const reasons = [...(input.reasons ?? []), ...(input.reason ? [input.reason] : [])];
  if (input.decision === "denied" && reasons.length === 0) {
    throw new ValidationError([{ path: ["reason"], message: "a denial states its reasons" }]);
  }
  const task = await taskOr404(applicationId, caller.principal, ports);
  const authorization = await ports.reference.authorization(task.centerId, task.itemId);
  const authority = decisionAuthority(
    caller.principal,
    task,
    authorization,
    await isResident(caller.principal.sub, task.centerId, ports),
  );
  const override = claimOverride(caller.principal, task);
  const basis: Basis = override ? { ...authority, override } : authority;
  return record(
    task,
    input.decision,
    reasons,
    caller.principal.sub,
    basis,
    causedBy(caller, "review", applicationId),
    ports,
  );
}

/**
 * Art. 27(三): a tolerant acceptance whose cure deadline passed uncured is denied, the reasons saying so. Supervision
 * reports the expiry; a case already decided or cured meanwhile is left as it is. The denial is one transaction
 * conditional on the task's version: a case already denied for the expiry means the report was applied ("duplicate").
 */
export async function denyUncured(
  event: TypedEnvelope<typeof cureDeadlineExpired>,
  ports: Ports,
): Promise<HandlerOutcome> {
  const task = await ports.tasks.get(event.data.applicationId);
  if (task?.state === "decided" && task.decision?.deciderId === CURE_EXPIRY.id) return "duplicate";
  if (!task || task.state === "decided" || !task.deficiencies || task.deficiencies.curedAt) return;
  const missing = event.data.missingMaterials.length
    ? event.data.missingMaterials
    : task.deficiencies.materials;
  const reasons = [
    `容缺受理后，申请人未在补正期限（${task.deficiencies.cureDeadline}）内补正以下材料：${missing.join("、")}。依照《北京市政务服务场所管理办法》第二十七条第（三）项，决定不予批准。`,
  ];
  const context: EventContext = {
    source: "review",
    subject: task.applicationId,
    actor: CURE_EXPIRY,
    correlationId: event.correlationId,
  };
  await record(
    task.state === "inProcedure" ? { ...task, state: "open" } : task,
    "denied",
    reasons,
    CURE_EXPIRY.id,
    { kind: "cureExpired" },
    context,
    ports,
  );
}
