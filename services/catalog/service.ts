import { defineService } from "#shared/manifest/types.ts";
import {
  assignmentFiled,
  calendarCoverageLow,
  calendarYearPublished,
  centerRegistered,
  centerUpdated,
  chiefRepresentativeAppointed,
  closureAdded,
  closureRemoved,
  openingAdded,
  openingRemoved,
  complianceFindingRaised,
  complianceFindingResolved,
  departmentStationed,
  examPassed,
  guidePublished,
  itemRegistered,
  itemStatusChanged,
  staffRegistered,
  stationRegistered,
  trainingRecorded,
  windowRegistered,
  windowUpdated,
} from "./contract/events.ts";
import { routes } from "./routes.ts";

/** Catalog: centers, stations, windows, departments, service items and guides, staff, calendar (art. 8–20, 42–50). */
export const catalog = defineService({
  name: "catalog",
  description:
    "Centers, stations, windows, departments, service items with versioned guides, staff roster, calendar",
  table: {
    indexes: [
      {
        name: "gsi1",
        accessPatterns: ["centersByLevel", "itemsByLevel", "staffByCenter", "findingsByCenterAndState"],
      },
      { name: "gsi2", accessPatterns: ["centersByParent", "departmentsByCenter", "itemsByDepartment"] },
    ],
  },
  routes: Object.values(routes),
  queues: {
    events: {
      consumer: "on-event",
      consumes: [itemRegistered, guidePublished],
      description:
        "The catalog's own events it projects: registered items into the search index, guides' limits into the calendar coverage check",
    },
  },
  schedules: [
    {
      name: "calendar-coverage",
      handler: "check-calendar-coverage",
      schedule: { rate: "1 day" },
      description:
        "Warn while there is time when deadlines set today reach a year whose holiday schedule is not published",
    },
    {
      name: "staff-compliance",
      handler: "check-staff-compliance",
      // 06:00 Beijing (22:00 UTC the day before): findings are ready before the centers open.
      schedule: { cron: "0 22 * * ? *" },
      // It reads every center's windows and roster: minutes, not seconds, at city scale.
      function: { timeoutSeconds: 300 },
      description:
        "Find clerks alone before internship and exam, early resident moves, overdue key-post rotation and uncovered windows (art. 43–49)",
    },
  ],
  publishes: [
    centerRegistered,
    centerUpdated,
    closureAdded,
    closureRemoved,
    openingAdded,
    openingRemoved,
    stationRegistered,
    windowRegistered,
    windowUpdated,
    departmentStationed,
    chiefRepresentativeAppointed,
    itemRegistered,
    guidePublished,
    itemStatusChanged,
    staffRegistered,
    assignmentFiled,
    trainingRecorded,
    examPassed,
    calendarYearPublished,
    calendarCoverageLow,
    complianceFindingRaised,
    complianceFindingResolved,
  ],
});
