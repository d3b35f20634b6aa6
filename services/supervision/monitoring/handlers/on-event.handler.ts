import { eventConsumer } from "#shared/events/consumer.ts";
import { queueId } from "#shared/manifest/naming.ts";
import { monitoringEnv, monitoringPorts, type MonitoringPorts } from "../adapters/ports.ts";
import { monitoring } from "../service.ts";
import * as clocks from "../use-cases/case-clocks.use-case.ts";
import * as directory from "../use-cases/project-directory.use-case.ts";
import * as workOrders from "../use-cases/work-order-clocks.use-case.ts";
import * as metrics from "../use-cases/queue-metrics.use-case.ts";
import { projectCalendarYear } from "../use-cases/project-calendar.use-case.ts";
import { projectComplianceFinding } from "../use-cases/inspections.use-case.ts";
import * as facts from "../use-cases/project-facts.use-case.ts";
import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type {
  rectificationCancelled,
  rectificationCompleted,
  rectificationOpened,
} from "#services/supervision/complaints/contract/rating-events.ts";

/**
 * The rectification clock starts, and the indicators' facts record it (issue 22). The facts' write is idempotent and
 * runs on every delivery; whether this was a repeat is the clock's to say.
 */
async function onRectificationOpened(e: TypedEnvelope<typeof rectificationOpened>, ports: MonitoringPorts) {
  const outcome = await workOrders.onRectificationOpened(e, ports);
  await facts.projectRectificationOpened(e, ports);
  return outcome;
}

/** The rectification clock stops, and the indicators' facts record how (issue 22). */
async function onRectificationCompleted(
  e: TypedEnvelope<typeof rectificationCompleted>,
  ports: MonitoringPorts,
) {
  await workOrders.onRectificationClosed(e, ports);
  await facts.projectRectificationCompleted(e, ports);
}

async function onRectificationCancelled(
  e: TypedEnvelope<typeof rectificationCancelled>,
  ports: MonitoringPorts,
) {
  await workOrders.onRectificationClosed(e, ports);
  await facts.projectRectificationCancelled(e, ports);
}

/** Monitoring's event queue: the events that start, pause, resume, extend and stop clocks; who to warn. */
export const handler = eventConsumer({
  name: queueId("monitoring", "events"),
  queue: monitoring.queues.events,
  tableName: monitoringEnv.MONITORING_TABLE,
  deps: monitoringPorts,
  /**
   * Idempotent through the clocks' own conditional writes (issue 21: no idempotency record, two writes less per event):
   * a clock starts only if it is not there (a new round only where the event says so, never for these), stops only if
   * it runs, and a handler is kept only if newer (putIfNewer); each step runs whatever the others found, so a
   * redelivery after a crash in the middle finishes the rest, and an event whose steps all find their work done is a
   * `"duplicate"` (`duplicateUnless`, shared/events/consumer.ts). The types whose steps may change nothing even the first time
   * (review.assigned without an approver, delivery.ready or delivery.completed after the other) end by noting the
   * event with one conditional write instead (`noted`, shared/events/event-marks.ts). Not here, and recorded: what pauses, resumes, restarts,
   * extends or moves a clock (a late repeat would do it again after the state moved on: a correction, a procedure, a
   * work order's dispatch or transfer); stops another event may have made first (a cure, a rejection, a work order's
   * reply, a rectification closed); the calendar, the directory (its center projection skips the rest when its first
   * write finds itself done), compliance findings, and the queue counters.
   */
  ownIdempotency: [
    "application.submitted",
    "application.accepted",
    "application.deemed-accepted",
    "application.accepted-with-deficiencies",
    "review.assigned",
    "review.decided",
    "delivery.ready",
    "delivery.completed",
    "rectification.opened",
    // Facts only (issue 22): each sets the same fields again on a repeat, the earliest contact and the latest
    // follow-up by their own conditions (fact-store.ts), so a repeat changes nothing.
    "rating.submitted",
    "rating.appeal-decided",
    "work-order.progress-noted",
    "work-order.followed-up",
  ],
  handlers: {
    "calendar.year-published": projectCalendarYear,
    "application.submitted": clocks.onSubmitted,
    "rating.submitted": facts.projectRatingSubmitted,
    "rating.appeal-decided": facts.projectRatingAppealDecided,
    "application.correction-requested": clocks.onCorrectionRequested,
    "application.supplemented": clocks.onSupplemented,
    "application.accepted": clocks.onAccepted,
    "application.deemed-accepted": clocks.onAccepted,
    "application.accepted-with-deficiencies": clocks.onAccepted,
    "application.deficiency-cured": clocks.onCured,
    "application.rejected": clocks.onRejected,
    "review.assigned": clocks.onAssigned,
    "review.procedure-started": clocks.onProcedureStarted,
    "review.procedure-completed": clocks.onProcedureCompleted,
    "review.extended": clocks.onExtended,
    "review.decided": clocks.onDecided,
    "delivery.ready": clocks.onDeliveryReady,
    "delivery.completed": clocks.onDeliveryCompleted,
    "staff.registered": directory.projectStaff,
    "staff.assignment-filed": directory.projectStaff,
    "staff.compliance-finding-raised": projectComplianceFinding,
    "department.chief-representative-appointed": directory.projectChiefRepresentative,
    "center.registered": directory.projectCenter,
    "center.updated": directory.projectCenter,
    "center.closure-added": directory.projectClosureAdded,
    "center.closure-removed": directory.projectClosureRemoved,
    "department.stationed": directory.projectDepartment,
    "window.registered": directory.projectWindow,
    "window.updated": directory.projectWindow,
    // The clocks, then what the monthly indicators count of the work order (issue 22).
    "work-order.received": facts.withWorkOrderFacts(workOrders.onWorkOrderReceived),
    "work-order.dispatched": facts.withWorkOrderFacts(workOrders.onWorkOrderDispatched),
    "work-order.signed-for": facts.withWorkOrderFacts(workOrders.onWorkOrderSignedFor),
    "work-order.progress-noted": facts.projectWorkOrder,
    "work-order.replied": facts.withWorkOrderFacts(workOrders.onWorkOrderReplied),
    "work-order.followed-up": facts.projectWorkOrder,
    "work-order.transferred": facts.withWorkOrderFacts(workOrders.onWorkOrderTransferred),
    "ticket.issued": metrics.countIssued,
    "ticket.called": metrics.countCalled,
    "ticket.completed": metrics.countCompleted,
    "ticket.no-show": metrics.countNoShow,
    "appointment.checked-in": metrics.countAppointment,
    "appointment.no-show": metrics.countAppointment,
    "rectification.opened": onRectificationOpened,
    "rectification.completed": onRectificationCompleted,
    "rectification.cancelled": onRectificationCancelled,
  },
});
