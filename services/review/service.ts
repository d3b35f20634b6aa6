import { defineService } from "#shared/manifest/types.ts";

/** Review: Review tasks, special procedures, decisions, authorized approval, seal. Its table exists from the start; routes, queues and schedules arrive with its issue. */
export const review = defineService({
  name: "review",
  description: "Review tasks, special procedures, decisions, authorized approval, seal",
  table: { indexes: [] },
  routes: [],
  queues: {},
  schedules: [],
  publishes: [],
});
