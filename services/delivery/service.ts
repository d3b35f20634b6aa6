import { defineService } from "#shared/manifest/types.ts";
import {
  centerRegistered,
  centerUpdated,
  guidePublished,
  itemRegistered,
} from "#services/catalog/contract/events.ts";
import {
  acceptedWithDeficiencies,
  applicationAccepted,
  applicationRejected,
  applicationSubmitted,
  contactProvided,
  correctionRequested,
  deemedAccepted,
  deficiencyCured,
  applicationSupplemented,
} from "#services/intake/contract/events.ts";
import {
  procedureCompleted,
  procedureStarted,
  reviewDecided,
  reviewExtended,
} from "#services/review/contract/events.ts";
import { warningRaised } from "#services/supervision/monitoring/contract/events.ts";
import { appointmentCalendarConflict } from "#services/intake/contract/queue-events.ts";
import { notificationCreated, notificationEvents } from "./contract/events.ts";
import {
  codeLocked,
  deliveryCompleted,
  deliveryReady,
  deliveryReturned,
  resultEvents,
} from "./contract/result-events.ts";
import { resultRoutes } from "./result-routes.ts";
import { routes } from "./routes.ts";

/** Delivery: progress notifications (art. 31) and result delivery (art. 32). */
export const delivery = defineService({
  name: "delivery",
  description: "Progress notifications and result delivery",
  table: {
    indexes: [
      // Keys only: a notification is rewritten by each attempt's outcome, which would rewrite a copy in both indexes
      // (issue 21); the lists read the notifications from the table.
      { name: "gsi1", accessPatterns: ["notificationsByApplication"], projection: "keysOnly" },
      { name: "gsi2", accessPatterns: ["notificationsByRecipient"], projection: "keysOnly" },
      // The method only (what the worklist filters on), not the whole delivery: its entry moves at every state change,
      // and a copy of the ~2 KB item cost 2 units each way (issue 21: 6 → 3 units per case); the worklist reads the
      // deliveries from the table.
      { name: "gsi3", accessPatterns: ["deliveriesByCenter"], projection: { include: ["method"] } },
    ],
  },
  routes: [...Object.values(routes), ...Object.values(resultRoutes)],
  queues: {
    events: {
      consumer: "on-event",
      consumes: [
        contactProvided,
        applicationSubmitted,
        applicationAccepted,
        deemedAccepted,
        correctionRequested,
        acceptedWithDeficiencies,
        applicationSupplemented,
        deficiencyCured,
        applicationRejected,
        procedureStarted,
        procedureCompleted,
        reviewExtended,
        reviewDecided,
        deliveryReady,
        deliveryReturned,
        deliveryCompleted,
        codeLocked,
        warningRaised,
        appointmentCalendarConflict,
        itemRegistered,
        guidePublished,
        centerRegistered,
        centerUpdated,
      ],
      description:
        "Case events to tell applicants about, results to deliver, warnings for staff, bookings a holiday schedule moved onto a closed day, and names for messages",
      // It sends each SMS and email's first attempt as it tells it (issue 21: no event, SQS message or second
      // invocation for a message sent at once); the sending queue keeps the retries.
      function: { sends: ["sms", "email"] },
    },
    sends: {
      consumer: "send-notification",
      consumes: [notificationCreated],
      description:
        "SMS and email notifications to retry after a temporary failure, and contact codes to send; the visibility timeout is the retry backoff",
      visibilityTimeoutSeconds: 120,
      function: { sends: ["sms", "email"] },
    },
  },
  schedules: [],
  publishes: [...notificationEvents, ...resultEvents],
  signingKeys: ["links"],
});
