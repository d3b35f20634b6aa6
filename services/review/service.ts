import { defineService } from "#shared/manifest/types.ts";
import {
  calendarYearPublished,
  assignmentFiled,
  chiefRepresentativeAppointed,
  departmentStationed,
  guidePublished,
  itemStatusChanged,
  staffRegistered,
} from "#services/catalog/events.ts";
import {
  acceptedWithDeficiencies,
  applicationAccepted,
  deemedAccepted,
  deficiencyCured,
} from "#services/intake/events.ts";
import { cureDeadlineExpired } from "#services/supervision/events.ts";
import { reviewEvents } from "./events.ts";
import { routes } from "./routes.ts";

/** Review: review tasks, special procedures, extensions, authorized approval, sealed decisions (art. 21, 28–30, 44). */
export const review = defineService({
  name: "review",
  description: "Review tasks, special procedures, decisions, authorized approval, seal",
  table: {
    indexes: [
      { name: "gsi1", accessPatterns: ["tasksByDepartment"] },
      { name: "gsi2", accessPatterns: ["tasksByAssignee"] },
      { name: "gsi3", accessPatterns: ["tasksByCenter"] },
      { name: "gsi4", accessPatterns: ["openTasksByDueYear"], projection: "keysOnly" },
    ],
  },
  routes: Object.values(routes),
  queues: {
    events: {
      consumer: "on-event",
      consumes: [
        applicationAccepted,
        deemedAccepted,
        acceptedWithDeficiencies,
        deficiencyCured,
        cureDeadlineExpired,
        itemStatusChanged,
        guidePublished,
        staffRegistered,
        assignmentFiled,
        departmentStationed,
        chiefRepresentativeAppointed,
        calendarYearPublished,
      ],
      description:
        "Accepted applications to review, cure expiries, the catalog data review decides with, and holiday schedules",
    },
  },
  schedules: [],
  publishes: [...reviewEvents],
  signingKeys: ["seal"],
});
