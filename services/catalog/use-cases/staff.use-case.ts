import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { NotFoundError, ValidationError, type FieldIssue } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { Page } from "#shared/aws/pagination.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import { assertAdministers, assertOversees } from "../domain/scope.ts";
import {
  checkStaffShape,
  maskedStaff,
  staffCard,
  staffSnapshot,
  type AssignmentChange,
  type StaffInput,
  type StaffMember,
} from "../domain/staff.ts";
import { assignmentFiled, examPassed, staffRegistered, trainingRecorded } from "../contract/events.ts";
import { centerOr404, referencedCenter, staffOr404 } from "./load.ts";

type Ports = Pick<CatalogPorts, "centers" | "departments" | "staff" | "clock" | "ids">;

/** The department must be stationed in the center, the window must be there, and a supervisor must work there. */
async function checkPlacement(
  staff: Pick<StaffInput, "centerId" | "departmentId" | "windowId" | "internship">,
  ports: Ports,
): Promise<void> {
  const issues: FieldIssue[] = [];
  if (staff.departmentId) {
    const department = await ports.departments.get(staff.departmentId);
    if (!department || department.centerId !== staff.centerId)
      issues.push({ path: ["departmentId"], message: "not stationed in this center" });
  }
  if (staff.windowId && !(await ports.centers.getWindow(staff.centerId, staff.windowId))) {
    issues.push({ path: ["windowId"], message: "no such window in this center" });
  }
  if (staff.internship) {
    const supervisor = await ports.staff.get(staff.internship.supervisorId);
    if (!supervisor || supervisor.centerId !== staff.centerId) {
      issues.push({ path: ["internship", "supervisorId"], message: "no such colleague in this center" });
    }
  }
  if (issues.length) throw new ValidationError(issues);
}

/** Add a person to a center's roster (art. 43). */
export async function registerStaff(input: StaffInput, caller: Caller, ports: Ports): Promise<StaffMember> {
  assertAdministers(caller.principal, await referencedCenter(input.centerId, ["centerId"], ports));
  checkStaffShape(input);
  await checkPlacement(input, ports);
  const staff: StaffMember = {
    ...input,
    id: ports.ids.next("stf"),
    training: [],
    version: 1,
    updatedAt: ports.clock.now().toISOString(),
  };
  await ports.staff.create(
    staff,
    newEvent(staffRegistered, { staff: staffSnapshot(staff) }, causedBy(caller, "catalog", staff.id), ports),
  );
  return maskedStaff(staff);
}

/**
 * File an assignment change (art. 46): the administration records every change of center, department, role, window
 * or key post; moving someone to another center needs the right to administer both.
 */
export async function fileAssignment(
  staffId: string,
  change: AssignmentChange,
  caller: Caller,
  ports: Ports,
): Promise<StaffMember> {
  const current = await staffOr404(staffId, ports);
  assertAdministers(caller.principal, await centerOr404(current.centerId, ports));
  const { effectiveOn, reason, ...fields } = change;
  // Department and window belong to a center: a move drops them unless the change names new ones; null removes.
  const moves = fields.centerId !== undefined && fields.centerId !== current.centerId;
  const keep = <T>(given: T | null | undefined, old: T | undefined) =>
    given === null ? undefined : (given ?? (moves ? undefined : old));
  const next: StaffMember = {
    ...current,
    centerId: fields.centerId ?? current.centerId,
    departmentId: keep(fields.departmentId, current.departmentId),
    windowId: keep(fields.windowId, current.windowId),
    role: fields.role ?? current.role,
    duty: fields.duty ?? current.duty,
    keyPost: fields.keyPost ?? current.keyPost,
    // Heading a department does not follow a person to another department or role unless the filing says so.
    head:
      fields.head ??
      (moves || fields.departmentId !== undefined || fields.role !== undefined ? false : current.head),
    updatedAt: ports.clock.now().toISOString(),
    version: current.version + 1,
  };
  if (moves) assertAdministers(caller.principal, await referencedCenter(next.centerId, ["centerId"], ports));
  checkStaffShape(next);
  await checkPlacement({ ...next, internship: undefined }, ports);
  const event = newEvent(
    assignmentFiled,
    {
      staff: staffSnapshot(next),
      previous: {
        centerId: current.centerId,
        departmentId: current.departmentId,
        role: current.role,
        windowId: current.windowId,
        keyPost: current.keyPost,
        head: current.head,
      },
      effectiveOn,
      reason,
      filedBy: caller.principal.sub,
    },
    causedBy(caller, "catalog", staffId),
    ports,
  );
  await ports.staff.update(next, event);
  return maskedStaff(next);
}

/** Record training (art. 49: 先培训、后实施). */
export async function recordTraining(
  staffId: string,
  training: StaffMember["training"][number],
  caller: Caller,
  ports: Ports,
): Promise<StaffMember> {
  const current = await staffOr404(staffId, ports);
  assertAdministers(caller.principal, await centerOr404(current.centerId, ports));
  const next: StaffMember = {
    ...current,
    training: [...current.training, training].sort((a, b) => a.date.localeCompare(b.date)),
    updatedAt: ports.clock.now().toISOString(),
    version: current.version + 1,
  };
  await ports.staff.update(
    next,
    newEvent(
      trainingRecorded,
      { staff: staffSnapshot(next), training },
      causedBy(caller, "catalog", staffId),
      ports,
    ),
  );
  return maskedStaff(next);
}

/** Record the exam that lets a new clerk work alone, and the qualification level reached (art. 49–50). */
export async function recordExam(
  staffId: string,
  exam: { passedOn: string; qualificationLevel?: number },
  caller: Caller,
  ports: Ports,
): Promise<StaffMember> {
  const current = await staffOr404(staffId, ports);
  assertAdministers(caller.principal, await centerOr404(current.centerId, ports));
  const next: StaffMember = {
    ...current,
    examPassedOn: exam.passedOn,
    qualificationLevel: exam.qualificationLevel ?? current.qualificationLevel,
    updatedAt: ports.clock.now().toISOString(),
    version: current.version + 1,
  };
  await ports.staff.update(
    next,
    newEvent(
      examPassed,
      { staff: staffSnapshot(next), ...exam },
      causedBy(caller, "catalog", staffId),
      ports,
    ),
  );
  return maskedStaff(next);
}

/** A center's roster for its administration and supervisors, personal data masked (DOMAIN.md). */
export async function listStaff(
  centerId: string,
  page: { cursor?: string; limit: number },
  caller: Caller,
  ports: Ports,
): Promise<Page<StaffMember>> {
  assertOversees(caller.principal, await centerOr404(centerId, ports));
  const result = await ports.staff.inCenter(centerId, page);
  return { ...result, items: result.items.map(maskedStaff) };
}

/** One person's full record, for the administration and supervisors of their center. */
export async function getStaff(staffId: string, caller: Caller, ports: Ports): Promise<StaffMember> {
  const staff = await staffOr404(staffId, ports);
  assertOversees(caller.principal, await centerOr404(staff.centerId, ports));
  return staff;
}

/**
 * The signed-in person's own roster entry — their window, department and duty — for the console to open at their
 * desk. Their own personal data is theirs to see. 404 for someone not on a roster (a back-office approver).
 */
export async function getMyStaff(caller: Caller, ports: Pick<Ports, "staff">): Promise<StaffMember> {
  const staff = await ports.staff.byUser(caller.principal.sub);
  if (!staff) throw new NotFoundError("You are not on any center's roster.");
  return staff;
}

/** The public card shown at the window (art. 52(二)): name, duty, window. */
export async function getStaffCard(staffId: string, ports: Ports) {
  const staff = await staffOr404(staffId, ports);
  const window = staff.windowId ? await ports.centers.getWindow(staff.centerId, staff.windowId) : undefined;
  return staffCard(staff, window);
}
