import {
  centers,
  CITY_CENTER_ID,
  DEMO_CENTER_ID,
  departments,
  items,
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
  contractStaff: staff.find(
    (s) => s.input.centerId === DEMO_CENTER_ID && s.input.employmentType === "contract",
  ),
};
