import type { DeliveryAttempt, HandlerOutcome } from "#shared/events/consumer.ts";
import type { TypedEnvelope } from "#shared/events/envelope.ts";
import { businessMetrics } from "#shared/business-metrics.ts";
import { logger, recordMetric } from "#shared/observability.ts";
import type { DeliveryPorts } from "../adapters/ports.ts";
import { PermanentDeliveryError } from "../adapters/message-provider.ts";
import { isFinal, moveTo, type Notification, type NotificationStatus } from "../domain/notification.ts";
import type { notificationCreated } from "../events.ts";

type Ports = Pick<DeliveryPorts, "notifications" | "provider" | "clock" | "policy">;

/**
 * The first attempt of a send takes a slot in the recipient's and the account's hourly counters; beyond the limits
 * the notification is not sent (`rateLimited`, final) — a stranger's number given in an application cannot be flooded
 * from the government sender (issue 15). Later attempts of the same notification take no slot.
 */
async function withinLimits(n: Notification, ports: Ports): Promise<boolean> {
  if (n.attempts > 0 || !n.to) return true;
  const now = ports.clock.now();
  const hour = now.toISOString().slice(0, 13);
  const { perRecipientPerHour, perAccountPerHour } = ports.policy.sendLimits;
  return ports.notifications.takeSendSlot(
    [
      { key: `${n.channel}#${n.to.toLowerCase()}`, limit: perRecipientPerHour },
      ...(n.recipient.userId ? [{ key: `account#${n.recipient.userId}`, limit: perAccountPerHour }] : []),
    ],
    hour,
    Math.floor(now.getTime() / 1000) + 2 * 3600,
    n.id,
  );
}

/**
 * Send an SMS or email notification (consumes `notification.created` from the sending queue). Each delivery of the
 * message is one attempt, and writes one thing: its outcome, after the provider answered (issue 21: the notification
 * item is the record — no event is written that nobody consumes). A temporary failure fails the message so the queue
 * retries it after its visibility timeout (the backoff); on the queue's last allowed attempt the notification becomes a
 * technical failure and the message goes to the DLQ — nothing is lost silently, and a delivered or failed notification
 * is never sent again. Every delivery and every failed attempt is counted by channel (and failure kind) for the
 * operations dashboard.
 */
export async function sendNotification(
  event: TypedEnvelope<typeof notificationCreated>,
  ports: Ports,
  attempt: DeliveryAttempt,
): Promise<HandlerOutcome> {
  const current = await ports.notifications.get(event.data.notificationId);
  if (!current || (current.channel !== "sms" && current.channel !== "email")) return;
  // Delivered, refused for good or rate limited: this message was applied before (issue 21: the notification's
  // status is the consumer's idempotency record — the handler is listed in `ownIdempotency`).
  if (isFinal(current.status)) return "duplicate";
  const channel = current.channel;
  const record = async (status: NotificationStatus, next: Partial<Notification> = {}) =>
    ports.notifications.update({
      ...current,
      ...next,
      status: moveTo(current.status, status),
      updatedAt: ports.clock.now().toISOString(),
      version: current.version + 1,
    });
  if (!(await withinLimits(current, ports))) {
    await record("rateLimited", { lastError: "too many messages to this recipient or account this hour" });
    logger.warn("notification not sent: send limit reached", { notificationId: current.id, channel });
    return;
  }
  const attempts = current.attempts + 1;
  try {
    const { providerRef } = await ports.provider.send({
      notificationId: current.id,
      channel: current.channel,
      to: current.to!,
      subject: current.subject,
      body: current.body,
    });
    await record("delivered", { attempts, providerRef });
    recordMetric(businessMetrics.notificationsDelivered, 1, { channel });
  } catch (error) {
    const reason = (error as Error).message || (error as Error).name;
    const permanent = error instanceof PermanentDeliveryError;
    recordMetric(businessMetrics.notificationFailures, 1, {
      channel,
      kind: permanent ? "permanent" : "temporary",
    });
    if (permanent) {
      await record("permanentFailure", { attempts, lastError: reason });
      return;
    }
    if (attempt.receiveCount >= attempt.maxReceiveCount) {
      await record("technicalFailure", { attempts, lastError: reason });
      logger.error("notification retries exhausted; the message goes to the DLQ", {
        notificationId: current.id,
        attempts,
      });
    } else {
      await record("temporaryFailure", { attempts, lastError: reason });
    }
    throw error;
  }
}
