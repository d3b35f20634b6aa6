import { NotFoundError, ValidationError } from "#shared/errors.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import type { Center } from "../domain/center.ts";
import type { Department } from "../domain/department.ts";
import type { Item } from "../domain/item.ts";
import type { StaffMember } from "../domain/staff.ts";

/**
 * Loading what a command names. A path parameter that names nothing is a 404; a body field that names nothing is a
 * 400 naming the field — the caller sent a wrong reference.
 */
export async function centerOr404(
  centerId: string,
  { centers }: Pick<CatalogPorts, "centers">,
): Promise<Center> {
  const center = await centers.get(centerId);
  if (!center) throw new NotFoundError(`Center ${centerId} does not exist.`);
  return center;
}

export async function itemOr404(itemId: string, { items }: Pick<CatalogPorts, "items">): Promise<Item> {
  const item = await items.get(itemId);
  if (!item) throw new NotFoundError(`Item ${itemId} does not exist.`);
  return item;
}

export async function staffOr404(
  staffId: string,
  { staff }: Pick<CatalogPorts, "staff">,
): Promise<StaffMember> {
  const member = await staff.get(staffId);
  if (!member) throw new NotFoundError(`Staff member ${staffId} does not exist.`);
  return member;
}

export async function referencedCenter(
  centerId: string,
  path: (string | number)[],
  { centers }: Pick<CatalogPorts, "centers">,
): Promise<Center> {
  const center = await centers.get(centerId);
  if (!center) throw new ValidationError([{ path, message: "no such center" }]);
  return center;
}

export async function referencedDepartment(
  departmentId: string,
  path: (string | number)[],
  { departments }: Pick<CatalogPorts, "departments">,
): Promise<Department> {
  const department = await departments.get(departmentId);
  if (!department) throw new ValidationError([{ path, message: "no such department" }]);
  return department;
}
