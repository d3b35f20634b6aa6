import { defineService } from "#shared/manifest/types.ts";
import { assignmentFiled, staffRegistered } from "#services/catalog/contract/events.ts";
import { matterEvents } from "./contract/matter-events.ts";
import { matterRoutes } from "./matter-routes.ts";

/**
 * Complaints (issue 22, split from supervision): the unresolved-matter desk (办不成事反映, art. 13, 34); the 12345 work
 * orders, in-center complaints, 好差评 ratings, appeals and rectifications, and their rates follow from supervision
 * (docs/supervision-split.md).
 */
export const complaints = defineService({
  name: "complaints",
  description: "Unresolved-matter desk (12345 work orders, complaints, ratings and their rates follow)",
  table: {
    indexes: [
      // Named as in supervision's table, whose items the split copies unchanged (docs/supervision-split.md, §4).
      { name: "gsi3", accessPatterns: ["unresolvedMattersByCenter"] },
    ],
  },
  routes: Object.values(matterRoutes),
  queues: {
    events: {
      consumer: "on-event",
      consumes: [staffRegistered, assignmentFiled],
      description: "The catalog's roster: who may coordinate an unresolved matter",
    },
  },
  schedules: [],
  publishes: [...matterEvents],
});
