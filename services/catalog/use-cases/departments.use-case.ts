import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { NotFoundError, ValidationError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import { checkChiefRepresentative, type Department, type DepartmentInput } from "../domain/department.ts";
import { assertAdministers } from "../domain/scope.ts";
import { chiefRepresentativeAppointed, departmentStationed } from "../contract/events.ts";
import { centerOr404 } from "./load.ts";

type Ports = Pick<CatalogPorts, "centers" | "departments" | "staff" | "clock" | "ids">;

/** Station an approving department in a center (art. 42). */
export async function stationDepartment(
  centerId: string,
  input: DepartmentInput,
  caller: Caller,
  ports: Ports,
): Promise<Department> {
  const center = await centerOr404(centerId, ports);
  assertAdministers(caller.principal, center);
  const department: Department = {
    ...input,
    id: ports.ids.next("dep"),
    centerId,
    stationedOn: businessDate(ports.clock.now()),
    version: 1,
  };
  await ports.departments.create(
    department,
    newEvent(departmentStationed, { department }, causedBy(caller, "catalog", centerId), ports),
  );
  return department;
}

/** Appoint the department's chief representative in the center (art. 44). */
export async function appointChiefRepresentative(
  centerId: string,
  departmentId: string,
  staffId: string,
  caller: Caller,
  ports: Ports,
): Promise<Department> {
  const center = await centerOr404(centerId, ports);
  assertAdministers(caller.principal, center);
  const current = await ports.departments.get(departmentId);
  if (!current || current.centerId !== centerId)
    throw new NotFoundError(`Department ${departmentId} is not stationed in this center.`);
  const staff = await ports.staff.get(staffId);
  if (!staff) throw new ValidationError([{ path: ["staffId"], message: "no such staff member" }]);
  checkChiefRepresentative(center, current, staff);
  const department: Department = { ...current, chiefRepresentativeId: staffId, version: current.version + 1 };
  const event = newEvent(
    chiefRepresentativeAppointed,
    { centerId, departmentId, staffId, previousStaffId: current.chiefRepresentativeId },
    causedBy(caller, "catalog", centerId),
    ports,
  );
  await ports.departments.update(department, event);
  return department;
}
