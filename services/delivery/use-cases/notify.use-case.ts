import { systemActor } from "#shared/auth/caller.ts";
import { DependencyPendingError } from "#shared/events/dependency.ts";
import { newEvent, type EventContext } from "#shared/events/envelope.ts";
import { keyedIds } from "#shared/ids.ts";
import { logger } from "#shared/observability.ts";
import type { DeliveryPorts } from "../adapters/ports.ts";
import type { CaseFacts } from "../adapters/case-store.ts";
import type { Channel, Notification, StaffWarning } from "../domain/notification.ts";
import { render, TEMPLATES } from "../domain/templates.ts";
import { notificationCreated } from "../events.ts";

type Ports = Pick<DeliveryPorts, "cases" | "notifications" | "contacts" | "clock" | "ids">;

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
 * Write a notification once per source event, channel and recipient: its id is derived from those three, so a
 * redelivered event meets the one written before (a conditional Put) and tells nobody twice — no claim item beside
 * it. Inbox notifications are delivered as they are written; SMS and email ones are followed by the
 * `notification.created` event that puts them on the sending queue (its id derived too: written once); a call is a
 * task for staff. Nothing else is written (issue 21: no event that nobody consumes, no transaction).
 *
 * A redelivery finishes what a crash cut short: a notification to send that is still `created`, never tried, gets its
 * event now if it had none (the event's own conditional Put decides) — "created" then, since this delivery did the
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
  const toSend = notification.channel === "sms" || notification.channel === "email";
  const written = await ports.notifications.create(
    notification,
    toSend ? createdEvent(notification, source.correlationId, ports) : undefined,
  );
  if (written === "created" || !toSend) return written;
  const stored = await ports.notifications.get(notification.id);
  if (
    stored?.status === "created" &&
    stored.attempts === 0 &&
    (await ports.notifications.sendEvent(stored.id, createdEvent(stored, source.correlationId, ports)))
  )
    return "created";
  return "existed";
}

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
