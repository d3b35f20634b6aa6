import { when } from "#shared/events/define-event.ts";
import { defineService } from "#shared/manifest/types.ts";
import {
  assignmentFiled,
  calendarYearPublished,
  closureAdded,
  closureRemoved,
  departmentStationed,
  staffRegistered,
  windowRegistered,
  windowUpdated,
} from "#services/catalog/contract/events.ts";
import { applicationSubmitted } from "#services/intake/contract/events.ts";
import { ticketCompleted } from "#services/intake/contract/queue-events.ts";
import { caseClockStopped } from "#services/supervision/monitoring/contract/events.ts";
import { matterEvents } from "./contract/matter-events.ts";
import { ratingEvents, ratingSubmitted } from "./contract/rating-events.ts";
import { BAD_LEVELS } from "./contract/rating-values.ts";
import {
  workOrderEvents,
  workOrderFollowedUp,
  workOrderReplied,
  workOrderSignedFor,
} from "./contract/work-order-events.ts";
import { matterRoutes } from "./matter-routes.ts";
import { ratingRoutes } from "./rating-routes.ts";
import { workOrderRoutes } from "./work-order-routes.ts";

/**
 * Complaints (issue 22, split from supervision): the 12345 work orders with their callbacks and follow-ups, in-center
 * complaints, 好差评 ratings with their appeals and rectifications, the unresolved-matter desk (办不成事反映, art. 13,
 * 34), and the response, resolution and satisfaction rates (art. 52–54). Its clocks are monitoring's, started and
 * stopped by its events.
 */
export const complaints = defineService({
  name: "complaints",
  description:
    "12345 work orders, complaints, ratings and rectifications, the unresolved-matter desk, their rates",
  table: {
    indexes: [
      // Named as in supervision's table, whose items the split copies unchanged (docs/supervision-split.md, §4).
      { name: "gsi3", accessPatterns: ["unresolvedMattersByCenter"] },
      { name: "gsi4", accessPatterns: ["workOrdersByUnit", "rectificationsByCenter"] },
      { name: "gsi5", accessPatterns: ["ratesByCenterMonth"] },
    ],
  },
  routes: [...Object.values(workOrderRoutes), ...Object.values(ratingRoutes), ...Object.values(matterRoutes)],
  queues: {
    events: {
      consumer: "on-event",
      consumes: [
        staffRegistered,
        assignmentFiled,
        departmentStationed,
        windowRegistered,
        windowUpdated,
        closureAdded,
        closureRemoved,
        calendarYearPublished,
        applicationSubmitted,
        ticketCompleted,
        caseClockStopped,
      ],
      description:
        "The catalog's roster, departments, windows, closures and holiday schedules; the cases and visits that may be rated, and when they end",
    },
    callbacks: {
      consumer: "send-hotline-callback",
      // Only what goes to the hotline (art. 52; hotline-callbacks.use-case.ts): its own work orders, and real-name 差评.
      consumes: [
        when(workOrderSignedFor, { origin: ["hotline"] }),
        when(workOrderReplied, { origin: ["hotline"] }),
        when(workOrderFollowedUp, { origin: ["hotline"] }),
        when(ratingSubmitted, { level: BAD_LEVELS, realName: [true] }),
      ],
      description:
        "Signed callbacks to the 12345 hotline (signed for, reply, follow-up; every real-name 差评 for verification, art. 52); the visibility timeout is the retry backoff",
      visibilityTimeoutSeconds: 60,
      function: { integrations: ["hotline"] },
    },
  },
  schedules: [],
  publishes: [...workOrderEvents, ...ratingEvents, ...matterEvents],
});
