import { systemActor } from "#shared/auth/caller.ts";
import type { DeliveryAttempt } from "#shared/events/consumer.ts";
import { newEvent, type EventContext, type TypedEnvelope } from "#shared/events/envelope.ts";
import { businessMetrics } from "#shared/business-metrics.ts";
import { logger, recordMetric } from "#shared/observability.ts";
import type { DeliveryPorts } from "../adapters/ports.ts";
import { PermanentDeliveryError } from "../adapters/message-provider.ts";
import { isFinal, moveTo, type Notification } from "../domain/notification.ts";
import { notificationDelivered, notificationFailed, type notificationCreated } from "../events.ts";

type Ports = Pick<DeliveryPorts, "notifications" | "provider" | "clock" | "ids" | "policy">;

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
  );
}

/**
 * Send an SMS or email notification (consumes `notification.created` from the sending queue). Each delivery of the
 * message is one attempt; a temporary failure fails the message so the queue retries it after its visibility timeout
 * (the backoff); on the queue's last allowed attempt the notification becomes a technical failure and the message
 * goes to the DLQ — nothing is lost silently, and a delivered or failed notification is never sent again. Every
 * delivery and every failed attempt is counted by channel (and failure kind) for the operations dashboard.
 */
export async function sendNotification(
  event: TypedEnvelope<typeof notificationCreated>,
  ports: Ports,
  attempt: DeliveryAttempt,
): Promise<void> {
  const current = await ports.notifications.get(event.data.notificationId);
  if (!current || (current.channel !== "sms" && current.channel !== "email") || isFinal(current.status))
    return;
  const context: EventContext = {
    source: "delivery",
    subject: current.id,
    actor: systemActor("notification-sender"),
    correlationId: event.correlationId,
  };
  const channel = current.channel;
  if (!(await withinLimits(current, ports))) {
    await ports.notifications.update({
      ...current,
      status: moveTo(current.status, "rateLimited"),
      lastError: "too many messages to this recipient or account this hour",
      updatedAt: ports.clock.now().toISOString(),
      version: current.version + 1,
    });
    logger.warn("notification not sent: send limit reached", { notificationId: current.id, channel });
    return;
  }
  const ref = {
    notificationId: current.id,
    applicationId: current.applicationId,
    channel: current.channel,
    templateKey: current.templateKey,
    templateVersion: current.templateVersion,
  };
  const sending: Notification = {
    ...current,
    status: moveTo(current.status, "sending"),
    attempts: current.attempts + 1,
    updatedAt: ports.clock.now().toISOString(),
    version: current.version + 1,
  };
  await ports.notifications.update(sending);
  const finish = async (
    next: Partial<Notification>,
    events: Parameters<typeof ports.notifications.update>[1] = [],
  ) => {
    const now = ports.clock.now().toISOString();
    await ports.notifications.update(
      { ...sending, ...next, updatedAt: now, version: sending.version + 1 },
      events,
    );
  };
  try {
    const { providerRef } = await ports.provider.send({
      notificationId: current.id,
      channel: current.channel,
      to: current.to!,
      subject: current.subject,
      body: current.body,
    });
    const now = ports.clock.now().toISOString();
    await finish({ status: "delivered", providerRef }, [
      newEvent(
        notificationDelivered,
        { ...ref, attempts: sending.attempts, providerRef, deliveredAt: now },
        context,
        ports,
      ),
    ]);
    recordMetric(businessMetrics.notificationsDelivered, 1, { channel });
  } catch (error) {
    const reason = (error as Error).message || (error as Error).name;
    const now = ports.clock.now().toISOString();
    const permanent = error instanceof PermanentDeliveryError;
    recordMetric(businessMetrics.notificationFailures, 1, {
      channel,
      kind: permanent ? "permanent" : "temporary",
    });
    if (permanent) {
      await finish({ status: "permanentFailure", lastError: reason }, [
        newEvent(
          notificationFailed,
          { ...ref, status: "permanentFailure", attempts: sending.attempts, reason, failedAt: now },
          context,
          ports,
        ),
      ]);
      return;
    }
    if (attempt.receiveCount >= attempt.maxReceiveCount) {
      await finish({ status: "technicalFailure", lastError: reason }, [
        newEvent(
          notificationFailed,
          { ...ref, status: "technicalFailure", attempts: sending.attempts, reason, failedAt: now },
          context,
          ports,
        ),
      ]);
      logger.error("notification retries exhausted; the message goes to the DLQ", {
        notificationId: current.id,
        attempts: sending.attempts,
      });
    } else {
      await finish({ status: "temporaryFailure", lastError: reason });
    }
    throw error;
  }
}
