import type { StaffMember } from "../../domain/staff.ts";

/** Staff `staff#<id>` / `staff`, listed per center through gsi1 `staffof#<centerId>` / `<name>#<id>` (staffByCenter). */
export const staffPk = (staffId: string) => `staff#${staffId}`;
export const staffKey = (staffId: string) => ({ pk: staffPk(staffId), sk: "staff" });

export const toStaffRecord = (s: StaffMember) => ({
  ...staffKey(s.id),
  entity: "staff",
  gsi1pk: `staffof#${s.centerId}`,
  gsi1sk: `${s.name}#${s.id}`,
  ...s,
});
