import { eventConsumer } from "#shared/events/consumer.ts";
import { queueId } from "#shared/manifest/naming.ts";
import { deliveryEnv, deliveryPorts } from "../adapters/ports.ts";
import { messageProvider } from "../adapters/provider.ts";
import { delivery } from "../service.ts";
import { sendNotification } from "../use-cases/send.use-case.ts";

/** The sending queue: one SMS or email per message; retries are the queue's, the DLQ its end. */
export const handler = eventConsumer({
  name: queueId("delivery", "sends"),
  queue: delivery.queues.sends,
  tableName: deliveryEnv.DELIVERY_TABLE,
  deps: { ...deliveryPorts, provider: messageProvider },
  // The notification's status is the record: a final one is not sent again ("duplicate"), the send counters are
  // idempotent per notification, and the provider takes the notification's id as its idempotency key (issue 21).
  ownIdempotency: ["notification.created"],
  handlers: { "notification.created": sendNotification },
});
