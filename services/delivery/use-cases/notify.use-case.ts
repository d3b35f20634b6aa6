import { systemActor } from "#shared/auth/caller.ts";
import { DependencyPendingError } from "#shared/events/dependency.ts";
import { newEvent, type EventContext } from "#shared/events/envelope.ts";
import { keyedIds } from "#shared/ids.ts";
import { logger } from "#shared/observability.ts";
import type { DeliveryPorts } from "../adapters/ports.ts";
import type { CaseFacts } from "../adapters/case-store.ts";
import { moveTo, type Channel, type Notification, type StaffWarning } from "../domain/notification.ts";
import { render, TEMPLATES } from "../domain/templates.ts";
import { notificationCreated } from "../contract/events.ts";
import { attemptSend, isSendable, type Sendable } from "./send.use-case.ts";

type Ports = Pick<DeliveryPorts, "cases" | "notifications" | "contacts" | "clock" | "ids"> & Partial<Sender>;

/**
 * The case's contact has not arrived yet (events come in any order): the queue brings this one back, and on its last
 * delivery it is parked until the contact arrives (shared/events/dependency.ts).
 */
export class ContactNotYetKnownError extends DependencyPendingError {
  override name = "ContactNotYetKnownError";
}

interface Source {
  id: string;
  correlationId: string;
}

/**
 * What applying one source event did to the notifications it tells: how many it wrote, and how many a previous
 * delivery of the same event had written already. An event whose every notification existed was applied before
 * (`"duplicate"` for the consumer, which keeps no idempotency record for these events — issue 21).
 */
export interface Told {
  created: number;
  existed: number;
}
const tally = (all: ("created" | "existed")[]): Told => ({
  created: all.filter((w) => w === "created").length,
  existed: all.filter((w) => w === "existed").length,
});

/** The event that puts an SMS or email notification on the sending queue; its id derives from the notification's. */
function createdEvent(n: Notification, correlationId: string, ports: Pick<Ports, "clock">) {
  const context: EventContext = {
    source: "delivery",
    subject: n.id,
    actor: systemActor("notifications"),
    correlationId,
  };
  return newEvent(
    notificationCreated,
    {
      notificationId: n.id,
      applicationId: n.applicationId,
      channel: n.channel,
      templateKey: n.templateKey,
      templateVersion: n.templateVersion,
      recipient: n.recipient.kind,
      createdAt: n.createdAt,
    },
    context,
    { clock: ports.clock, ids: keyedIds(`${n.id}#created`) },
  );
}

/**
 * What sends an SMS or email at once, where the caller has it: delivery-on-event does (issue 21); a handler without a
 * provider — the contact verification's route — puts its messages on the sending queue instead.
 */
type Sender = Pick<DeliveryPorts, "provider" | "policy">;

/**
 * Write a notification once per source event, channel and recipient: its id is derived from those three, so a
 * redelivered event meets the one written before and tells nobody twice — no claim item beside it. Inbox
 * notifications are delivered as they are written; a call is a task for staff. Nothing else is written (issue 21: no
 * event that nobody consumes, no transaction).
 *
 * An SMS or email is sent at once where the ports have a provider (delivery-on-event), and written once, with its
 * outcome (`send`). Otherwise it is written `created` and followed by the `notification.created` event that puts it on
 * the sending queue (its id derived too: written once); a redelivery that finds such a notification never tried and
 * without its event (a crash between the two Puts) writes the event then — "created", since this delivery did the
 * work; otherwise "existed".
 */
async function create(
  base: Omit<
    Notification,
    "id" | "status" | "attempts" | "createdAt" | "updatedAt" | "version" | "subject" | "body"
  >,
  text: { subject?: string; body: string },
  source: Source,
  ports: Ports,
): Promise<"created" | "existed"> {
  const now = ports.clock.now().toISOString();
  const immediate = base.channel === "inbox";
  const once = `${base.sourceEventId}#${base.channel}#${base.recipient.userId ?? base.recipient.kind}`;
  const notification: Notification = {
    ...base,
    ...text,
    id: keyedIds(once).next("ntf"),
    status: immediate ? "delivered" : "created",
    attempts: immediate ? 1 : 0,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  if (!isSendable(notification)) return ports.notifications.create(notification);
  if (ports.provider && ports.policy)
    return send(notification, source, { ...ports, provider: ports.provider, policy: ports.policy });
  const written = await ports.notifications.create(
    notification,
    createdEvent(notification, source.correlationId, ports),
  );
  if (written === "created") return written;
  const stored = await ports.notifications.get(notification.id);
  return stored?.status === "created" && stored.attempts === 0 ? requeued(stored, source, ports) : "existed";
}

/** A notification left to the sending queue gets its event if a crash left it without one (written once). */
const requeued = async (n: Notification, source: Source, ports: Ports): Promise<"created" | "existed"> =>
  (await ports.notifications.sendEvent(n.id, createdEvent(n, source.correlationId, ports)))
    ? "created"
    : "existed";

/**
 * The first attempt of an SMS or email, made by the consumer that tells it (issue 21: a message sent at once needs no
 * `notification.created` event item, no SQS message and no second invocation — 2 write units, 3 SQS requests and an
 * invocation per message), and the notification written once, with its outcome: delivered, refused for good, or rate
 * limited (issue 15's counters, taken as the sender takes them). A temporary failure is written with the
 * `notification.created` event that hands the retries to the sending queue, as before.
 *
 * Nothing is written before the provider answers, and that is what keeps a crash honest. A crash before the send
 * leaves nothing: the source event comes back, finds no notification and sends (its send slot, taken per notification,
 * is not taken twice). A crash after the provider accepted and before the Put sends again on that redelivery, with
 * the notification's id as the provider's idempotency key — the same exposure as the sender's crash between the
 * provider and its outcome write, which this replaces. Two deliveries at once happen only as SQS's rare duplicate (the
 * events queue's visibility timeout is many times the consumer's timeout), which could send twice here as a duplicate
 * `notification.created` could before — one message's duplicate for another's, not one more. A notification found
 * on a redelivery was sent, or handed to the queue: at most its event is written, if a crash came between the two Puts.
 */
async function send(draft: Sendable, source: Source, ports: Ports & Sender): Promise<"created" | "existed"> {
  const stored = await ports.notifications.get(draft.id);
  if (stored) return retrying(stored) ? requeued(stored, source, ports) : "existed";
  const { status, changes, retryable } = await attemptSend(draft, ports, false);
  const outcome: Notification = {
    ...draft,
    ...changes,
    status: moveTo(draft.status, status),
    updatedAt: ports.clock.now().toISOString(),
  };
  return ports.notifications.create(
    outcome,
    retryable ? createdEvent(outcome, source.correlationId, ports) : undefined,
  );
}

/** Not sent yet and still the queue's to try: what a redelivered source event makes sure has its event. */
const retrying = (n: Notification) =>
  (n.status === "created" && n.attempts === 0) || n.status === "temporaryFailure";

/**
 * Where an applicant's messages go (issue 15): what a clerk recorded at the window, as given; for an application made
 * online, the account's verified phone and email — never what was typed into the application — and a channel without
 * a verified destination is skipped (the inbox still has every message).
 */
async function destinations(facts: CaseFacts, ports: Pick<Ports, "contacts">) {
  if (facts.recordedBy !== "applicant") return { phone: facts.phone, email: facts.email };
  if (!facts.ownerId) return {};
  const verified = await ports.contacts.verified(facts.ownerId);
  return { phone: verified.sms, email: verified.email };
}

/** A one-time message to a contact being verified: not an account's notification (never listed), only sent. */
export async function notifyContact(
  channel: "sms" | "email",
  to: string,
  templateKey: string,
  values: Record<string, string | number | undefined>,
  source: Source,
  ports: Pick<Ports, "notifications" | "clock" | "ids">,
): Promise<void> {
  const template = TEMPLATES[templateKey]!;
  await create(
    {
      templateKey,
      templateVersion: template.version,
      sourceEventId: source.id,
      channel,
      to,
      recipient: { kind: "applicant" },
    },
    channel === "email"
      ? { subject: render(template.email.subject, values), body: render(template.email.body, values) }
      : { body: render(template.sms, values) },
    source,
    ports as Ports,
  );
}

/**
 * Tell the applicant about a state change of their case (art. 31), over every channel they chose: the inbox at once,
 * SMS and email through the sending queue, and a call as a task for staff. One notification per source event,
 * channel and recipient — a redelivered event tells nobody twice.
 */
export async function notifyApplicant(
  applicationId: string,
  templateKey: string,
  values: Record<string, string | number | undefined>,
  source: Source,
  ports: Ports,
): Promise<Told> {
  const facts = await ports.cases.facts(applicationId);
  if (!facts?.channels)
    throw new ContactNotYetKnownError(applicationId, `No contact known yet for ${applicationId}`);
  const { phone, email } = await destinations(facts, ports);
  const template = TEMPLATES[templateKey]!;
  const itemName = (facts.itemId && (await ports.cases.itemName(facts.itemId))) || "您申请的事项";
  const centerName = (facts.centerId && (await ports.cases.centerName(facts.centerId))) || "政务服务中心";
  const all = {
    itemName,
    centerName,
    applicationId,
    applicantName: facts.applicantName ?? "申请人",
    ...values,
  };
  const base = {
    applicationId,
    templateKey,
    templateVersion: template.version,
    sourceEventId: source.id,
    centerId: facts.centerId,
  };
  const written: ("created" | "existed")[] = [];
  for (const channel of facts.channels as Channel[]) {
    if (channel === "inbox") {
      if (!facts.ownerId) continue;
      written.push(
        await create(
          { ...base, channel, recipient: { kind: "applicant", userId: facts.ownerId } },
          { subject: template.inbox.title, body: render(template.inbox.body, all) },
          source,
          ports,
        ),
      );
    } else if (channel === "email") {
      if (!email) continue;
      written.push(
        await create(
          { ...base, channel, to: email, recipient: { kind: "applicant", userId: facts.ownerId } },
          { subject: render(template.email.subject, all), body: render(template.email.body, all) },
          source,
          ports,
        ),
      );
    } else {
      // SMS, or a call task whose script is the SMS text.
      if (!phone) continue;
      written.push(
        await create(
          { ...base, channel, to: phone, recipient: { kind: "applicant", userId: facts.ownerId } },
          { body: render(template.sms, all) },
          source,
          ports,
        ),
      );
    }
  }
  return tally(written);
}

/**
 * A message for signed-in users' inboxes only (no contact details needed): staff warnings, and applicants' bookings a
 * holiday schedule moved onto a closed day. One notification per source event and recipient.
 */
export async function notifyInbox(
  templateKey: string,
  recipients: { kind: "applicant" | "staff"; userIds: readonly string[] },
  values: Record<string, string | number | undefined>,
  source: Source & { applicationId?: string; centerId?: string; warning?: StaffWarning },
  ports: Ports,
): Promise<Told> {
  const template = TEMPLATES[templateKey]!;
  const written: ("created" | "existed")[] = [];
  for (const userId of recipients.userIds) {
    written.push(
      await create(
        {
          applicationId: source.applicationId,
          centerId: source.centerId,
          ...(source.warning ? { warning: source.warning } : {}),
          templateKey: template.key,
          templateVersion: template.version,
          sourceEventId: source.id,
          channel: "inbox",
          recipient: { kind: recipients.kind, userId },
        },
        { subject: template.inbox.title, body: render(template.inbox.body, values) },
        source,
        ports,
      ),
    );
  }
  return tally(written);
}

/** Staff warnings (issue 7's recipients) arrive in their inbox. */
export async function notifyStaff(
  userIds: readonly string[],
  values: Record<string, string | number | undefined>,
  source: Source & { applicationId?: string; centerId?: string; warning: StaffWarning },
  ports: Ports,
): Promise<Told> {
  const told = await notifyInbox("staff.warning", { kind: "staff", userIds }, values, source, ports);
  if (!userIds.length) logger.warn("a warning with no staff recipient", { sourceEventId: source.id });
  return told;
}
