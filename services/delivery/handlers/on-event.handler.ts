import { eventConsumer } from "#shared/events/consumer.ts";
import { queueId } from "#shared/manifest/naming.ts";
import { deliveryEnv, deliveryPorts } from "../adapters/ports.ts";
import { messageProvider } from "../adapters/provider.ts";
import { delivery } from "../service.ts";
import * as on from "../use-cases/on-case-events.use-case.ts";

/** Delivery's event queue: one handler per event type listed in service.ts. */
export const handler = eventConsumer({
  name: queueId("delivery", "events"),
  queue: delivery.queues.events,
  tableName: deliveryEnv.DELIVERY_TABLE,
  // The provider: the first attempt of every SMS and email is made here, as it is told (issue 21); the sending queue
  // keeps the retries (use-cases/notify.use-case.ts).
  deps: { ...deliveryPorts, provider: messageProvider },
  // Every handler is idempotent through its own conditional writes (use-cases/on-case-events.use-case.ts): no
  // idempotency record for any of them (issue 21: two writes per event).
  ownIdempotency: delivery.queues.events.consumes.map((e) => e.type),
  handlers: {
    "application.contact-provided": on.onContact,
    "application.submitted": on.onSubmitted,
    "application.accepted": on.onAccepted,
    "application.deemed-accepted": on.onAccepted,
    "application.correction-requested": on.onCorrection,
    "application.accepted-with-deficiencies": on.onTolerant,
    "application.supplemented": on.onSupplemented,
    "application.deficiency-cured": on.onCured,
    "application.rejected": on.onRejected,
    "review.procedure-started": on.onProcedureStarted,
    "review.procedure-completed": on.onProcedureCompleted,
    "review.extended": on.onExtended,
    "review.decided": on.onDecided,
    "delivery.ready": on.onDeliveryReady,
    "delivery.returned": on.onDeliveryReturned,
    "delivery.code-locked": on.onCodeLocked,
    "delivery.completed": on.onDeliveryCompleted,
    "clock.warning-raised": on.onWarning,
    "appointment.calendar-conflict": on.onAppointmentCalendarConflict,
    "item.registered": on.onItem,
    "item.guide-published": on.onGuide,
    "center.registered": on.onCenter,
    "center.updated": on.onCenter,
  },
});
