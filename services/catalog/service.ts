import { defineService } from "#shared/manifest/types.ts";
import { calendarCoverageLow, centerRegistered, guidePublished, itemRegistered } from "./events.ts";
import { routes } from "./routes.ts";

/** Catalog: centers, windows, departments, service items and their guides — the reference data (art. 8–20). */
export const catalog = defineService({
  name: "catalog",
  description: "Centers, windows, departments, service items with versioned guides, staff roster, calendar",
  table: { indexes: [{ name: "gsi1", accessPatterns: ["centersByLevel"] }] },
  routes: Object.values(routes),
  queues: {},
  schedules: [
    {
      name: "calendar-coverage",
      handler: "check-calendar-coverage",
      schedule: { rate: "1 day" },
      description: "Warn while there is time when the holiday calendar data is about to run out",
    },
  ],
  publishes: [centerRegistered, itemRegistered, guidePublished, calendarCoverageLow],
});
