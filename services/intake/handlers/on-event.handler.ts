import { eventConsumer } from "#shared/events/consumer.ts";
import { queueId } from "#shared/manifest/naming.ts";
import { intakeEnv, intakePorts } from "../adapters/ports.ts";
import { intakeSeal } from "../adapters/seal.ts";
import { intake } from "../service.ts";
import { onAcceptanceWindowExpired } from "../use-cases/decide-acceptance.use-case.ts";
import { projectCalendarYear } from "../use-cases/project-calendar.use-case.ts";
import {
  projectCenter,
  projectClosureAdded,
  projectClosureRemoved,
  projectGuide,
  projectItemStatus,
  projectOpeningAdded,
  projectOpeningRemoved,
  projectWindow,
} from "../use-cases/project-reference.use-case.ts";
import {
  onELicenseIssued,
  followDeliveryCompleted,
  followDeliveryMethodChosen,
  followDeliveryOpened,
  followDeliveryReady,
  followDeliveryReturned,
  followMaterialsRequested,
  followProcedureCompleted,
  followProcedureStarted,
  followReviewDecided,
  followReviewExtended,
} from "../use-cases/follow-case.use-case.ts";

/** Intake's event queue: one handler per event type listed in service.ts. */
export const handler = eventConsumer({
  name: queueId("intake", "events"),
  queue: intake.queues.events,
  tableName: intakeEnv.INTAKE_TABLE,
  // The seal for the receipt of a deemed acceptance (clock.acceptance-window-expired).
  deps: { ...intakePorts, seal: intakeSeal() },
  // Idempotent through their own conditional writes, so no record is kept of them (issue 21, two writes an event
  // saved): the catalog's projections move forward only (putIfNewer); a case step is written if absent and the case
  // only at the version read, when the fact is not in it yet (follow-case.use-case.ts); a deemed acceptance only of a
  // case still submitted on the materials reported (decide-acceptance.use-case.ts). The calendar (it publishes
  // conflicts as it goes) keeps its record.
  ownIdempotency: intake.queues.events.consumes
    .map((e) => e.type)
    .filter((type) => type !== "calendar.year-published"),
  handlers: {
    "item.guide-published": projectGuide,
    "center.registered": projectCenter,
    "center.updated": projectCenter,
    "center.closure-added": projectClosureAdded,
    "center.closure-removed": projectClosureRemoved,
    "center.opening-added": projectOpeningAdded,
    "center.opening-removed": projectOpeningRemoved,
    "window.registered": projectWindow,
    "window.updated": projectWindow,
    "item.status-changed": projectItemStatus,
    "clock.acceptance-window-expired": onAcceptanceWindowExpired,
    "e-license.issued": onELicenseIssued,
    "calendar.year-published": projectCalendarYear,
    "review.procedure-started": followProcedureStarted,
    "review.procedure-completed": followProcedureCompleted,
    "review.extended": followReviewExtended,
    "review.materials-requested": followMaterialsRequested,
    "review.decided": followReviewDecided,
    "delivery.opened": followDeliveryOpened,
    "delivery.method-chosen": followDeliveryMethodChosen,
    "delivery.ready": followDeliveryReady,
    "delivery.returned": followDeliveryReturned,
    "delivery.completed": followDeliveryCompleted,
  },
});
