import { when } from "#shared/events/define-event.ts";
import { defineService } from "#shared/manifest/types.ts";
import {
  calendarYearPublished,
  assignmentFiled,
  centerRegistered,
  centerUpdated,
  chiefRepresentativeAppointed,
  closureAdded,
  closureRemoved,
  complianceFindingRaised,
  departmentStationed,
  staffRegistered,
  windowRegistered,
  windowUpdated,
} from "#services/catalog/contract/events.ts";
import { deliveryCompleted, deliveryReady } from "#services/delivery/contract/result-events.ts";
import {
  appointmentCheckedIn,
  appointmentNoShow,
  ticketCalled,
  ticketCompleted,
  ticketIssued,
  ticketNoShow,
} from "#services/intake/contract/queue-events.ts";
import { metricsRoutes } from "./metrics-routes.ts";
import {
  acceptedWithDeficiencies,
  applicationAccepted,
  applicationRejected,
  applicationSubmitted,
  applicationSupplemented,
  correctionRequested,
  deemedAccepted,
  deficiencyCured,
} from "#services/intake/contract/events.ts";
import {
  procedureCompleted,
  procedureStarted,
  reviewAssigned,
  reviewDecided,
  reviewExtended,
} from "#services/review/contract/events.ts";
import { supervisionEvents } from "./contract/events.ts";
import {
  workOrderDispatched,
  workOrderFollowedUp,
  workOrderProgressNoted,
  workOrderReceived,
  workOrderReplied,
  workOrderSignedFor,
  workOrderTransferred,
} from "#services/supervision/complaints/contract/work-order-events.ts";
import {
  ratingAppealDecided,
  ratingSubmitted,
  rectificationCancelled,
  rectificationCompleted,
  rectificationOpened,
} from "#services/supervision/complaints/contract/rating-events.ts";
import { inspectionEvents } from "./contract/inspection-events.ts";
import { inspectionRoutes } from "./inspection-routes.ts";
import { routes, schedules } from "./routes.ts";

/**
 * Monitoring (issue 22, split from supervision): full-process clocks and tiered warnings (art. 21), with the reply and
 * rectification clocks of complaints started and stopped by complaints' events; warning policies; queue metrics and
 * staffing (art. 13); monthly indicators (art. 54); inspections, self-checks and the staff appraisal (art. 45–53).
 */
export const monitoring = defineService({
  name: "monitoring",
  description: "Clocks and tiered warnings, queue metrics and staffing, monthly indicators, inspections",
  table: {
    indexes: [
      // Every clock not stopped, at its next attention time or idle after every instant (clock-store.ts): the sweep
      // reads the due ones, a published holiday schedule all of them.
      { name: "gsi1", accessPatterns: ["clocksDueByTime"] },
      { name: "gsi2", accessPatterns: ["openWarningsByCenter"] },
      { name: "gsi3", accessPatterns: ["inspectionsByCenter"] },
      { name: "gsi5", accessPatterns: ["ratesByCenterMonth"] },
      // No longer written (issue 21: two index writes per clock saved): read for the clocks still open that were
      // written before gsi1 held every open clock. Remove it with its read in clock-store.ts `openDueIn` once none is
      // left — a scan for items with gsi6pk finds them (deployer note).
      { name: "gsi6", accessPatterns: ["openClocksByDueYear"], projection: "keysOnly" },
    ],
  },
  routes: [...Object.values(routes), ...Object.values(metricsRoutes), ...Object.values(inspectionRoutes)],
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
        // Who handles the review stage: a task routed to a department, or released, names nobody to warn.
        when(reviewAssigned, { assigneeId: true }),
        procedureStarted,
        procedureCompleted,
        reviewExtended,
        reviewDecided,
        deliveryReady,
        // A completion whose method announced the result ready first changes nothing here: that delivery.ready
        // stopped the delivery stage and the case already (or will, whatever order the queue keeps).
        when(deliveryCompleted, { readyAt: false }),
        staffRegistered,
        complianceFindingRaised,
        assignmentFiled,
        chiefRepresentativeAppointed,
        centerRegistered,
        centerUpdated,
        closureAdded,
        closureRemoved,
        departmentStationed,
        windowRegistered,
        windowUpdated,
        workOrderReceived,
        workOrderDispatched,
        workOrderSignedFor,
        workOrderReplied,
        workOrderTransferred,
        // For the monthly indicators' facts only (issue 22).
        workOrderProgressNoted,
        workOrderFollowedUp,
        ticketIssued,
        ticketCalled,
        ticketCompleted,
        ticketNoShow,
        appointmentCheckedIn,
        appointmentNoShow,
        rectificationOpened,
        rectificationCompleted,
        rectificationCancelled,
        calendarYearPublished,
        // Complaints': the indicators and the appraisal count the ratings from these (issue 22).
        ratingSubmitted,
        ratingAppealDecided,
      ],
      description:
        "Case and work-order events that start, pause, resume, extend and stop clocks; the catalog's centers, staff, departments, windows, closures and holiday schedules",
    },
  },
  schedules,
  publishes: [...supervisionEvents, ...inspectionEvents],
});
