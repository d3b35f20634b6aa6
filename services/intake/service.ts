import { defineService } from "#shared/manifest/types.ts";
import {
  calendarYearPublished,
  centerRegistered,
  centerUpdated,
  closureAdded,
  closureRemoved,
  guidePublished,
  openingAdded,
  openingRemoved,
  itemStatusChanged,
  windowRegistered,
  windowUpdated,
} from "#services/catalog/contract/events.ts";
import {
  deliveryCompleted,
  deliveryMethodChosen,
  deliveryOpened,
  deliveryReady,
  deliveryReturned,
  eLicenseIssued,
} from "#services/delivery/contract/result-events.ts";
import {
  materialsRequested,
  procedureCompleted,
  procedureStarted,
  reviewDecided,
  reviewExtended,
} from "#services/review/contract/events.ts";
import { acceptanceWindowExpired } from "#services/supervision/monitoring/contract/events.ts";
import { applicationEvents } from "./contract/events.ts";
import { queueEvents } from "./contract/queue-events.ts";
import { queueRoutes, queueSchedules } from "./queue-routes.ts";
import { routes } from "./routes.ts";
import { fileEvents } from "./contract/file-events.ts";
import { fileRoutes } from "./file-routes.ts";

/** Intake: appointments, queue tickets, consultations, applications and acceptance decisions (art. 13–14, 19–27, 34–38). */
export const intake = defineService({
  name: "intake",
  description: "Appointments, queue tickets, consultations, applications, acceptance decisions, bundles",
  table: {
    indexes: [
      // Keys only (and the center the due-appointment sweep filters on): an application is rewritten at every step of
      // its case, and a copy in each index would be rewritten with it (issue 21); lists read the items from the table.
      {
        name: "gsi1",
        accessPatterns: ["applicationsByCenterAndState", "appointmentsDueByTime"],
        projection: { include: ["centerId"] },
      },
      {
        name: "gsi2",
        accessPatterns: ["applicationsByOwner", "appointmentsByOwner", "authorisationsByAgent"],
        projection: "keysOnly",
      },
    ],
  },
  routes: [...Object.values(routes), ...Object.values(queueRoutes), ...Object.values(fileRoutes)],
  queues: {
    events: {
      consumer: "on-event",
      consumes: [
        guidePublished,
        centerRegistered,
        centerUpdated,
        closureAdded,
        closureRemoved,
        openingAdded,
        openingRemoved,
        windowRegistered,
        windowUpdated,
        itemStatusChanged,
        acceptanceWindowExpired,
        eLicenseIssued,
        calendarYearPublished,
        // The applicant's case follows review and delivery (issue 16).
        procedureStarted,
        procedureCompleted,
        reviewExtended,
        materialsRequested,
        reviewDecided,
        deliveryOpened,
        deliveryMethodChosen,
        deliveryReady,
        deliveryReturned,
        deliveryCompleted,
      ],
      description:
        "The catalog's reference data and holiday schedules intake projects, supervision's acceptance-window expiries, issued e-licenses, and review's and delivery's steps the applicant's case follows",
    },
  },
  schedules: [...queueSchedules],
  publishes: [...applicationEvents, ...queueEvents, ...fileEvents],
  /** The center's approval seal on receipts and notices (art. 29), as review seals its decisions. */
  signingKeys: ["seal"],
  buckets: {
    materials: {
      description: "Electronic materials applicants and clerks upload (issue 19)",
      expireTagged: { key: "attached", value: "false", days: 2 },
      browserAccess: true,
    },
  },
});
