import { eventConsumer } from "#shared/events/consumer.ts";
import { queueId } from "#shared/manifest/naming.ts";
import { complaintsEnv, complaintsPorts } from "../adapters/ports.ts";
import { complaints } from "../service.ts";
import { handPoorRatingToHotline, sendHotlineCallback } from "../use-cases/hotline-callbacks.use-case.ts";

/** The callback queue: one signed callback to the 12345 hotline per message; retries are the queue's, the DLQ its end. */
export const handler = eventConsumer({
  name: queueId("complaints", "callbacks"),
  queue: complaints.queues.callbacks,
  tableName: complaintsEnv.COMPLAINTS_TABLE,
  deps: complaintsPorts,
  /**
   * No idempotency record (issue 21: two writes per event, and most events send nothing): a callback sent is noted
   * under its event's id (hotline-callbacks.use-case.ts `sendOnce`), and the hotline drops one it already has.
   */
  ownIdempotency: [
    "work-order.signed-for",
    "work-order.replied",
    "work-order.followed-up",
    "rating.submitted",
  ],
  handlers: {
    "work-order.signed-for": sendHotlineCallback,
    "work-order.replied": sendHotlineCallback,
    "work-order.followed-up": sendHotlineCallback,
    "rating.submitted": handPoorRatingToHotline,
  },
});
