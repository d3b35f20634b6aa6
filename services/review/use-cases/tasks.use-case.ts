import { causedBy, systemActor, type Caller } from "#shared/auth/caller.ts";
import { assertCenterScope, assertDepartmentScope } from "#shared/auth/principal.ts";
import { ForbiddenError, ValidationError } from "#shared/errors.ts";
import { duplicateUnless, type HandlerOutcome } from "#shared/events/consumer.ts";
import { newEvent, type TypedEnvelope } from "#shared/events/envelope.ts";
import type {
  acceptedWithDeficiencies,
  applicationAccepted,
  deemedAccepted,
  deficiencyCured,
} from "#services/intake/contract/events.ts";
import type { ReviewPorts } from "../adapters/ports.ts";
import { taskDue } from "../domain/due.ts";
import type { TaskFilter } from "../adapters/task-store.ts";
import { assertWorksOn } from "../domain/authority.ts";
import { taskIdOf, type ReviewTask } from "../domain/task.ts";
import { reviewAssigned } from "../contract/events.ts";
import { taskOr404 } from "./load.ts";

type Ports = Pick<ReviewPorts, "tasks" | "reference" | "clock" | "ids" | "calendar">;

/**
 * Route an accepted application to the item's department in the center that accepted it (art. 21, 28): one task per
 * application, so a redelivered acceptance creates nothing twice — the task and its event are one conditional
 * transaction, written whole or not at all, and a task already there means the acceptance was applied ("duplicate").
 */
export async function createTask(
  event: TypedEnvelope<typeof applicationAccepted | typeof deemedAccepted | typeof acceptedWithDeficiencies>,
  ports: Ports,
): Promise<HandlerOutcome> {
  const d = event.data;
  const acceptedAt = "acceptedAt" in d ? d.acceptedAt : d.acceptedAsOf;
  const now = ports.clock.now().toISOString();
  const calendar = await ports.calendar.calendar();
  const opened: ReviewTask = {
    id: taskIdOf(d.applicationId),
    applicationId: d.applicationId,
    centerId: d.centerId,
    departmentId: d.departmentId,
    itemId: d.itemId,
    ownerId: d.ownerId,
    ...(d.addressee ? { addressee: d.addressee } : {}),
    ...(d.itemName ? { itemName: d.itemName } : {}),
    ...(d.legalBasis ? { legalBasis: d.legalBasis } : {}),
    ...(d.jointHandling ? { jointHandling: d.jointHandling } : {}),
    guideVersion: d.guideVersion,
    acceptance:
      event.type === "application.deemed-accepted"
        ? "deemed"
        : event.type === "application.accepted-with-deficiencies"
          ? "tolerant"
          : "accepted",
    acceptedAt,
    committedLimitDays: d.committedLimitDays,
    statutoryLimitDays: d.statutoryLimitDays,
    state: "open",
    procedures: [],
    materialRequests: [],
    ...("missingMaterials" in d
      ? { deficiencies: { materials: d.missingMaterials, cureDeadline: d.cureDeadline } }
      : {}),
    version: 1,
    updatedAt: now,
  };
  // Advisory, for the worklists' order: supervision's clock is the authority on the deadline.
  const due = taskDue(opened, calendar);
  const task: ReviewTask = { ...opened, dueAt: due.dueAt, dueCalendar: due.calendar };
  const assigned = newEvent(
    reviewAssigned,
    {
      applicationId: task.applicationId,
      taskId: task.id,
      centerId: task.centerId,
      departmentId: task.departmentId,
      itemId: task.itemId,
      assignedAt: now,
    },
    {
      source: "review",
      subject: task.applicationId,
      actor: systemActor("review-routing"),
      correlationId: event.correlationId,
    },
    ports,
  );
  return duplicateUnless(await ports.tasks.create(task, assigned));
}

/**
 * The applicant cured every deficiency: a later cure-deadline report must not deny the case. One write, conditional on
 * the version read; a cure already recorded means the event was applied ("duplicate").
 */
export async function markCured(
  event: TypedEnvelope<typeof deficiencyCured>,
  ports: Ports,
): Promise<HandlerOutcome> {
  const task = await ports.tasks.get(event.data.applicationId);
  if (task?.deficiencies?.curedAt) return "duplicate";
  if (!task?.deficiencies) return;
  await ports.tasks.update(
    {
      ...task,
      deficiencies: { ...task.deficiencies, curedAt: event.data.curedAt },
      version: task.version + 1,
      updatedAt: event.data.curedAt,
    },
    [],
  );
}

/** Take a task into one's own worklist, or put it back. */
export async function claim(
  applicationId: string,
  caller: Caller,
  ports: Ports,
  release = false,
): Promise<ReviewTask> {
  const task = await taskOr404(applicationId, caller.principal, ports);
  assertWorksOn(caller.principal, task);
  if (release && task.assigneeId !== caller.principal.sub)
    throw new ForbiddenError("Only the assignee releases a task.");
  if (!release && task.assigneeId && task.assigneeId !== caller.principal.sub) {
    throw new ForbiddenError("The task is someone else's; the chief representative can reassign it.");
  }
  const now = ports.clock.now().toISOString();
  const next: ReviewTask = {
    ...task,
    assigneeId: release ? undefined : caller.principal.sub,
    version: task.version + 1,
    updatedAt: now,
  };
  const event = newEvent(
    reviewAssigned,
    {
      applicationId,
      taskId: task.id,
      centerId: task.centerId,
      departmentId: task.departmentId,
      itemId: task.itemId,
      assigneeId: next.assigneeId,
      reason: release ? "released" : "claimed",
      assignedAt: now,
    },
    causedBy(caller, "review", applicationId),
    ports,
  );
  await ports.tasks.update(next, [event]);
  return next;
}

/** The chief representative (or the administration) reassigns a task, with a reason. */
export async function reassign(
  applicationId: string,
  input: { assigneeId: string; reason: string },
  caller: Caller,
  ports: Ports,
): Promise<ReviewTask> {
  const task = await taskOr404(applicationId, caller.principal, ports);
  const p = caller.principal;
  if (!(p.role === "admin" || (p.role === "chiefRep" && p.departmentId === task.departmentId))) {
    throw new ForbiddenError("Only the department's chief representative or the administration reassigns.");
  }
  // Only someone who can then work the case: on the roster, of the task's department, an approver or its chief
  // representative (a task given to nobody who signs in would sit unclaimable).
  const assignee = await ports.reference.staffByUser(input.assigneeId);
  const refusal = !assignee
    ? "no one on the roster signs in with this id"
    : assignee.departmentId !== task.departmentId
      ? "not a member of the task's department"
      : !["approver", "chiefRep"].includes(assignee.role)
        ? "not an approver or the chief representative"
        : undefined;
  if (refusal) throw new ValidationError([{ path: ["assigneeId"], message: refusal }]);
  const now = ports.clock.now().toISOString();
  const next: ReviewTask = {
    ...task,
    assigneeId: input.assigneeId,
    version: task.version + 1,
    updatedAt: now,
  };
  const event = newEvent(
    reviewAssigned,
    {
      applicationId,
      taskId: task.id,
      centerId: task.centerId,
      departmentId: task.departmentId,
      itemId: task.itemId,
      assigneeId: input.assigneeId,
      reason: input.reason,
      assignedAt: now,
    },
    causedBy(caller, "review", applicationId),
    ports,
  );
  await ports.tasks.update(next, [event]);
  return next;
}

/** Worklists: mine, my department's, my center's — by state, item and due date. */
export async function listTasks(
  query: TaskFilter & { scope: "mine" | "department" | "center"; cursor?: string; limit: number },
  caller: Caller,
  ports: Ports,
) {
  const p = caller.principal;
  assertCenterScope(p, p.centerId!);
  const { scope, cursor, limit, ...filter } = query;
  if (scope === "mine") return ports.tasks.byAssignee(p.sub, filter, { cursor, limit });
  if (scope === "department") {
    if (!p.departmentId)
      throw new ValidationError([{ path: ["query", "scope"], message: "your token names no department" }]);
    return ports.tasks.byDepartment(p.centerId!, p.departmentId, filter, { cursor, limit });
  }
  return ports.tasks.byCenter(p.centerId!, filter, { cursor, limit });
}

/** A task with its history. */
export async function getTask(applicationId: string, caller: Caller, ports: Ports) {
  const task = await taskOr404(applicationId, caller.principal, ports);
  const history = (await ports.tasks.history(applicationId)).map((e) => ({
    id: e.id,
    type: e.type,
    occurredAt: e.occurredAt,
    actor: e.actor,
    data: e.data,
  }));
  return { ...task, history };
}

/**
 * The people who may work a department's cases in a center — its approvers and chief representative, the head
 * marked — for choosing whom to reassign a case to and whose approval extends it (行政许可法 art. 42). For the
 * department's own people and the center's administration and supervisors.
 */
export async function listDeciders(
  centerId: string,
  departmentId: string,
  caller: Caller,
  { reference }: Pick<ReviewPorts, "reference">,
) {
  assertDepartmentScope(caller.principal, centerId, departmentId);
  const people = await reference.deciders(centerId, departmentId);
  return {
    items: people.map((p) => ({
      staffId: p.staffId,
      name: p.name,
      role: p.role,
      head: p.head,
      ...(p.userId ? { userId: p.userId } : {}),
    })),
  };
}
