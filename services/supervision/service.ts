import { defineService } from "#shared/manifest/types.ts";
import {
  assignmentFiled,
  chiefRepresentativeAppointed,
  closureAdded,
  closureRemoved,
  staffRegistered,
} from "#services/catalog/events.ts";
import { deliveryCompleted } from "#services/delivery/result-events.ts";
import {
  acceptedWithDeficiencies,
  applicationAccepted,
  applicationRejected,
  applicationSubmitted,
  applicationSupplemented,
  correctionRequested,
  deemedAccepted,
  deficiencyCured,
} from "#services/intake/events.ts";
import {
  procedureCompleted,
  procedureStarted,
  reviewAssigned,
  reviewDecided,
  reviewExtended,
} from "#services/review/events.ts";
import { supervisionEvents } from "./events.ts";
import { routes, schedules } from "./routes.ts";

/**
 * Supervision: full-process clocks and tiered warnings (art. 21); hotline work orders, complaints, ratings and
 * monitoring follow with their issues.
 */
export const supervision = defineService({
  name: "supervision",
  description:
    "Clocks and tiered warnings, hotline work orders, complaints, unresolved matters, ratings, monitoring",
  table: {
    indexes: [
      { name: "gsi1", accessPatterns: ["clocksDueByTime"] },
      { name: "gsi2", accessPatterns: ["openWarningsByCenter"] },
    ],
  },
  routes: Object.values(routes),
  queues: {
    events: {
      consumer: "on-event",
      consumes: [
        applicationSubmitted,
        correctionRequested,
        applicationSupplemented,
        applicationAccepted,
        deemedAccepted,
        acceptedWithDeficiencies,
        deficiencyCured,
        applicationRejected,
        reviewAssigned,
        procedureStarted,
        procedureCompleted,
        reviewExtended,
        reviewDecided,
        deliveryCompleted,
        staffRegistered,
        assignmentFiled,
        chiefRepresentativeAppointed,
        closureAdded,
        closureRemoved,
      ],
      description:
        "Case events that start, pause, resume, extend and stop clocks; the catalog's staff and closures for recipients and working days",
    },
  },
  schedules,
  publishes: supervisionEvents,
});
