import { defineService } from "#shared/manifest/types.ts";
import { guidePublished } from "#services/catalog/events.ts";
import { routes } from "./routes.ts";

/** Intake: appointments, queue tickets, consultations, applications and acceptance decisions (art. 22–27). */
export const intake = defineService({
  name: "intake",
  description: "Appointments, queue tickets, consultations, applications, acceptance decisions, bundles",
  table: { indexes: [] },
  routes: Object.values(routes),
  queues: {
    events: {
      consumer: "on-event",
      consumes: [guidePublished],
      description: "Events from other services that intake projects or acts on",
    },
  },
  schedules: [],
  publishes: [],
});
