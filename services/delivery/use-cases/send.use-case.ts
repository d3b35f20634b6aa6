import type { DeliveryAttempt, HandlerOutcome } from "#shared/events/consumer.ts";
import type { TypedEnvelope } from "#shared/events/envelope.ts";
import { businessMetrics } from "#shared/business-metrics.ts";
import { logger, recordMetric } from "#shared/observability.ts";
import type { DeliveryPorts } from "../adapters/ports.ts";
import { PermanentDeliveryError } from "../adapters/message-provider.ts";
import { isFinal, moveTo, type Notification, type NotificationStatus } from "../domain/notification.ts";
import type { notificationCreated } from "../contract/events.ts";

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

/** A notification the provider sends: an SMS or an email. */
export type Sendable = Notification & { channel: "sms" | "email" };
export const isSendable = (n: Notification): n is Sendable => n.channel === "sms" || n.channel === "email";

/**
 * What one attempt made of a notification: the status it ends in and what else changed, and — for a temporary
 * failure — the provider's error, for the caller to retry on the sending queue.
 */
export interface AttemptOutcome {
  status: NotificationStatus;
  changes: Partial<Notification>;
  retryable?: Error;
}

/**
 * One attempt at sending an SMS or email notification, writing nothing of the notification itself (its caller writes
 * the outcome: the sender updates the item, delivery-on-event writes it whole, once — issue 21): the send slot on a
 * first attempt, then the provider, which takes the notification's id as its idempotency key. `last` says no retry
 * follows (the queue's last delivery): a temporary failure is then a technical one. Every delivery and every failed
 * attempt is counted by channel (and failure kind) for the operations dashboard.
 */
export async function attemptSend(n: Sendable, ports: Ports, last: boolean): Promise<AttemptOutcome> {
  const channel = n.channel;
  if (!(await withinLimits(n, ports))) {
    logger.warn("notification not sent: send limit reached", { notificationId: n.id, channel });
    return {
      status: "rateLimited",
      changes: { lastError: "too many messages to this recipient or account this hour" },
    };
  }
  const attempts = n.attempts + 1;
  try {
    const { providerRef } = await ports.provider.send({
      notificationId: n.id,
      channel,
      to: n.to!,
      subject: n.subject,
      body: n.body,
      // A domestic SMS service sends approved templates only (issue 23): it maps the key, not the text.
      templateKey: n.templateKey,
      templateVersion: n.templateVersion,
    });
    recordMetric(businessMetrics.notificationsDelivered, 1, { channel });
    return { status: "delivered", changes: { attempts, providerRef } };
  } catch (error) {
    const reason = (error as Error).message || (error as Error).name;
    const permanent = error instanceof PermanentDeliveryError;
    recordMetric(businessMetrics.notificationFailures, 1, {
      channel,
      kind: permanent ? "permanent" : "temporary",
    });
    if (permanent) return { status: "permanentFailure", changes: { attempts, lastError: reason } };
    if (last) {
      logger.error("notification retries exhausted; the message goes to the DLQ", {
        notificationId: n.id,
        attempts,
      });
      return {
        status: "technicalFailure",
        changes: { attempts, lastError: reason },
        retryable: error as Error,
      };
    }
    return {
      status: "temporaryFailure",
      changes: { attempts, lastError: reason },
      retryable: error as Error,
    };
  }
}

/**
 * Send an SMS or email notification from the sending queue (`notification.created`): what delivery-on-event could not
 * send at once (a temporary failure; use-cases/notify.use-case.ts), a contact's verification code, and what a crash or
 * an operator's redrive brings back. Each delivery of the message is one attempt, and writes one thing: its outcome,
 * after the provider answered (issue 21: the notification item is the record — no event is written that nobody
 * consumes). A temporary failure fails the message so the queue retries it after its visibility timeout (the
 * backoff); on the queue's last allowed attempt the notification becomes a technical failure and the message goes to
 * the DLQ — nothing is lost silently, and a delivered or failed notification is never sent again.
 */
export async function sendNotification(
  event: TypedEnvelope<typeof notificationCreated>,
  ports: Ports,
  attempt: DeliveryAttempt,
): Promise<HandlerOutcome> {
  const current = await ports.notifications.get(event.data.notificationId);
  if (!current || !isSendable(current)) return;
  // Delivered, refused for good or rate limited: this message was applied before (issue 21: the notification's
  // status is the consumer's idempotency record — the handler is listed in `ownIdempotency`).
  if (isFinal(current.status)) return "duplicate";
  const { status, changes, retryable } = await attemptSend(
    current,
    ports,
    attempt.receiveCount >= attempt.maxReceiveCount,
  );
  await ports.notifications.update({
    ...current,
    ...changes,
    status: moveTo(current.status, status),
    updatedAt: ports.clock.now().toISOString(),
    version: current.version + 1,
  });
  if (retryable) throw retryable;
}
