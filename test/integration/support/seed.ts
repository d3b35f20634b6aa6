import {
  centers,
  CITY_CENTER_ID,
  DEMO_CENTER_ID,
  departments,
  items,
  seedUsers,
  staff,
} from "#infra/local/seed-data.ts";

/** Seeded reference data the tests lean on, found by what they are rather than by position. */
export const seeded = {
  city: CITY_CENTER_ID,
  haidian: DEMO_CENTER_ID,
  subdistrict: centers.find((c) => c.input.level === "subdistrict" && c.input.parentId === DEMO_CENTER_ID)!
    .id,
  otherDistrict: centers.find(
    (c) => c.input.level === "district" && c.input.kind === "comprehensive" && c.id !== DEMO_CENTER_ID,
  )!.id,
  remoteTownship: centers.find((c) => c.input.remoteMountain)!.id,
  haidianDepartment: departments.find((d) => d.centerId === DEMO_CENTER_ID)!.id,
  haidianDepartments: departments.filter((d) => d.centerId === DEMO_CENTER_ID).map((d) => d.id),
  /** An item whose guide stops at the district level (cannot sink to a subdistrict). */
  districtOnlyItem: items.find((i) => (i.guide.lowestLevel ?? "district") === "district")!,
  foodLicence: items[0]!,
  /** The market department's head at the Haidian center (its chief representative): approves extensions. */
  marketHead: staff.find((s) => s.input.departmentId === seedUsers.approver.departmentId && s.input.head)!.id,
  /** The market department's approver: on the roster, not its head. */
  marketApprover: staff.find((s) => s.input.userId === seedUsers.approver.sub)!.id,
  contractStaff: staff.find(
    (s) => s.input.centerId === DEMO_CENTER_ID && s.input.employmentType === "contract",
  ),
};
