import { defineService } from "#shared/manifest/types.ts";

/** Delivery: Progress notifications and result delivery. Its table exists from the start; routes, queues and schedules arrive with its issue. */
export const delivery = defineService({
  name: "delivery",
  description: "Progress notifications and result delivery",
  table: { indexes: [] },
  routes: [],
  queues: {},
  schedules: [],
  publishes: [],
});
