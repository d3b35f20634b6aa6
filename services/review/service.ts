import { defineService } from "#shared/manifest/types.ts";
import {
  calendarYearPublished,
  assignmentFiled,
  chiefRepresentativeAppointed,
  departmentStationed,
  guidePublished,
  itemStatusChanged,
  staffRegistered,
} from "#services/catalog/contract/events.ts";
import {
  acceptedWithDeficiencies,
  applicationAccepted,
  deemedAccepted,
  deficiencyCured,
} from "#services/intake/contract/events.ts";
import { cureDeadlineExpired } from "#services/supervision/monitoring/contract/events.ts";
import { reviewEvents } from "./contract/events.ts";
import { routes } from "./routes.ts";

/** Review: review tasks, special procedures, extensions, authorized approval, sealed decisions (art. 21, 28–30, 44). */
export const review = defineService({
  name: "review",
  description: "Review tasks, special procedures, decisions, authorized approval, seal",
  table: {
    indexes: [
      // Keys, and the two attributes the worklists filter on (itemId never changes; dueAt only with the keys), so a
      // task's entries stay untouched unless its state, due date or assignee moves them: a copy of the whole task
      // in each index was written again at every step of the case (issue 21). Lists read the tasks from the table.
      {
        name: "gsi1",
        accessPatterns: ["tasksByDepartment", "decidersByDepartment"],
        projection: { include: ["itemId", "dueAt"] },
      },
      { name: "gsi2", accessPatterns: ["tasksByAssignee"], projection: { include: ["itemId", "dueAt"] } },
      {
        name: "gsi3",
        accessPatterns: ["tasksByCenter", "flaggedContactsByCenter"],
        projection: { include: ["itemId", "dueAt"] },
      },
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
