import { defineService } from "#shared/manifest/types.ts";
import { acceptanceWindowExpired, cureDeadlineExpired, warningRaised } from "./events.ts";

/** Supervision: Clocks and tiered warnings, hotline work orders, complaints, unresolved matters, ratings, monitoring. Its table exists from the start; routes, queues and schedules arrive with its issue. */
export const supervision = defineService({
  name: "supervision",
  description:
    "Clocks and tiered warnings, hotline work orders, complaints, unresolved matters, ratings, monitoring",
  table: { indexes: [] },
  routes: [],
  queues: {},
  schedules: [],
  publishes: [acceptanceWindowExpired, cureDeadlineExpired, warningRaised],
});
