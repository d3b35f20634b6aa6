import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { assertCenterScope, assertOwnerOrCenterStaff } from "#shared/auth/principal.ts";
import type { Page } from "#shared/aws/pagination.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import { maskText } from "#shared/personal-data.ts";
import type { DeliveryPorts } from "../adapters/ports.ts";
import { moveTo, type Notification } from "../domain/notification.ts";
import { notificationDelivered, notificationFailed } from "../contract/events.ts";

type Ports = Pick<DeliveryPorts, "cases" | "notifications" | "clock" | "ids">;

/**
 * What an answer shows of a notification: where it went only masked (DOMAIN.md: phone numbers are personal data), and
 * none of the bookkeeping — the event it answers, the provider's reference (issue 16).
 */
export type NotificationView = Omit<Notification, "sourceEventId" | "providerRef">;
const masked = ({ sourceEventId: _s, providerRef: _p, ...n }: Notification): NotificationView => ({
  ...n,
  to: n.to && maskText(n.to).replace(/^(.)[^@]*(@.*)$/, "$1***$2"),
});
const maskedPage = (page: Page<Notification>): Page<NotificationView> => ({
  ...page,
  items: page.items.map(masked),
});

/** A case's notifications, for its owner or staff of its center. */
export async function listForApplication(
  applicationId: string,
  page: { cursor?: string; limit: number },
  caller: Caller,
  ports: Ports,
) {
  const facts = await ports.cases.facts(applicationId);
  if (!facts?.centerId) throw new NotFoundError(`No notifications for application ${applicationId}.`);
  assertOwnerOrCenterStaff(caller.principal, { ownerId: facts.ownerId ?? "", centerId: facts.centerId });
  return maskedPage(await ports.notifications.ofApplication(applicationId, page));
}

/** The caller's own inbox: an applicant's notifications, or a staff member's warnings. */
export async function listMine(page: { cursor?: string; limit: number }, caller: Caller, ports: Ports) {
  return maskedPage(await ports.notifications.ofRecipient(caller.principal.sub, page));
}

/**
 * A phone-call task (the applicant asked to be called): staff of the case's center record whether they reached the
 * applicant — reached is delivered; not reached for good (wrong number) is a permanent failure.
 */
export async function recordCallResult(
  notificationId: string,
  input: { reached: boolean; note?: string },
  caller: Caller,
  ports: Ports,
): Promise<NotificationView> {
  const current = await ports.notifications.get(notificationId);
  if (!current) throw new NotFoundError(`Notification ${notificationId} does not exist.`);
  if (current.channel !== "call")
    throw new ValidationError([{ path: ["path", "notificationId"], message: "not a phone-call task" }]);
  if (!current.centerId) throw new ForbiddenError("This call task has no center.");
  assertCenterScope(caller.principal, current.centerId);
  const now = ports.clock.now().toISOString();
  const status = moveTo(current.status, input.reached ? "delivered" : "permanentFailure");
  const next: Notification = {
    ...current,
    status,
    attempts: current.attempts + 1,
    lastError: input.reached ? undefined : (input.note ?? "not reached"),
    providerRef: `call:${caller.principal.sub}`,
    updatedAt: now,
    version: current.version + 1,
  };
  const ref = {
    notificationId,
    applicationId: current.applicationId,
    channel: current.channel,
    templateKey: current.templateKey,
    templateVersion: current.templateVersion,
  };
  const event = input.reached
    ? newEvent(
        notificationDelivered,
        { ...ref, attempts: next.attempts, providerRef: next.providerRef, deliveredAt: now },
        causedBy(caller, "delivery", notificationId),
        ports,
      )
    : newEvent(
        notificationFailed,
        {
          ...ref,
          status: "permanentFailure",
          attempts: next.attempts,
          reason: next.lastError!,
          failedAt: now,
        },
        causedBy(caller, "delivery", notificationId),
        ports,
      );
  await ports.notifications.update(next, [event]);
  return masked(next);
}
