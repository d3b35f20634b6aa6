import type { StaffMember } from "../../domain/staff.ts";

/**
 * Staff `staff#<id>` / `staff`, listed per center through gsi1 `staffof#<centerId>` / `<name>#<id>` (staffByCenter);
 * `staffuser#<userId>` / `staffuser` links a sign-in identity to its person (staffByUser), written with the person.
 */
export const staffPk = (staffId: string) => `staff#${staffId}`;
export const staffKey = (staffId: string) => ({ pk: staffPk(staffId), sk: "staff" });

export const toStaffRecord = (s: StaffMember) => ({
  ...staffKey(s.id),
  entity: "staff",
  gsi1pk: `staffof#${s.centerId}`,
  gsi1sk: `${s.name}#${s.id}`,
  ...s,
});

export const staffUserKey = (userId: string) => ({ pk: `staffuser#${userId}`, sk: "staffuser" });

export const toStaffUserRecord = (userId: string, staffId: string) => ({
  ...staffUserKey(userId),
  entity: "staffUser",
  staffId,
});
