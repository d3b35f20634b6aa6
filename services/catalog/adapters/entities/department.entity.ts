import type { Department } from "../../domain/department.ts";

/** Department `dept#<id>` / `dept`, listed per center through gsi2 `depts#<centerId>` (departmentsByCenter). */
export const departmentKey = (departmentId: string) => ({ pk: `dept#${departmentId}`, sk: "dept" });

export const toDepartmentRecord = (d: Department) => ({
  ...departmentKey(d.id),
  entity: "department",
  gsi2pk: `depts#${d.centerId}`,
  gsi2sk: `${d.name}#${d.id}`,
  ...d,
});
