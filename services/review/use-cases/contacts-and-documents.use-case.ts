import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { assertCenterScope } from "#shared/auth/principal.ts";
import { ForbiddenError, NotFoundError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { ReviewPorts } from "../adapters/ports.ts";
import type { Contact } from "../adapters/task-store.ts";
import { reviewDocumentHtml, type ReviewDocument } from "../domain/documents.ts";
import { contactFlags, defaultPlace, type ContactChannel, type ContactPlace } from "../domain/contact.ts";
import { contactRecorded } from "../contract/events.ts";
import { verification } from "#shared/signing/sealed-document.ts";
import { taskOr404 } from "./load.ts";

/** Only checking a document needs the seal. */
type Ports = Omit<ReviewPorts, "seal">;

/**
 * Art. 30: staff meet applicants only through the center's channels — every contact on a case is recorded on it (who,
 * when, channel, where, purpose) and supervisors see them all; one outside working time, away from the center without
 * need, or at the department's own office is flagged for the administration.
 */
export async function recordContact(
  applicationId: string,
  input: { channel: ContactChannel; place?: ContactPlace; purpose: string; at?: string },
  caller: Caller,
  ports: Ports,
): Promise<Contact> {
  const task = await taskOr404(applicationId, caller.principal, ports);
  const now = ports.clock.now().toISOString();
  const at = input.at ?? now;
  const place = input.place ?? defaultPlace(input.channel);
  const calendar = await ports.calendar.calendar();
  const flags = contactFlags(
    { channel: input.channel, place, at },
    (date) => calendar.isWorkingDay(date),
    ports.policy.workingSpan,
  );
  const contact: Contact = {
    id: ports.ids.next("cnt"),
    applicationId,
    centerId: task.centerId,
    departmentId: task.departmentId,
    staffId: caller.principal.sub,
    role: caller.principal.role,
    channel: input.channel,
    ...(place ? { place } : {}),
    purpose: input.purpose,
    at,
    recordedAt: now,
    ...(flags.length ? { flags } : {}),
  };
  const event = newEvent(
    contactRecorded,
    {
      applicationId,
      taskId: task.id,
      centerId: task.centerId,
      departmentId: task.departmentId,
      contactId: contact.id,
      staffId: contact.staffId,
      channel: contact.channel,
      place: contact.place,
      purpose: contact.purpose,
      at: contact.at,
      flags: contact.flags,
    },
    causedBy(caller, "review", applicationId),
    ports,
  );
  await ports.tasks.update(
    { ...task, version: task.version + 1, updatedAt: now },
    [event],
    [ports.tasks.contactItem(contact)],
  );
  return contact;
}

export async function listContacts(applicationId: string, caller: Caller, ports: Ports): Promise<Contact[]> {
  await taskOr404(applicationId, caller.principal, ports);
  return ports.tasks.contacts(applicationId);
}

/** Art. 30: a center's flagged contacts, newest first — for its administration and supervisors. */
export async function listFlaggedContacts(
  centerId: string,
  page: { cursor?: string; limit: number },
  caller: Caller,
  ports: Ports,
) {
  assertCenterScope(caller.principal, centerId);
  return ports.tasks.flaggedContacts(centerId, page);
}

/** A review document for its applicant (the case's owner) or staff of its center. */
export async function getDocument(documentId: string, caller: Caller, ports: Ports): Promise<ReviewDocument> {
  const document = await ports.documents.get(documentId);
  if (!document) throw new NotFoundError(`Document ${documentId} does not exist.`);
  const p = caller.principal;
  if (p.role === "applicant") {
    const task = await ports.tasks.get(document.applicationId);
    if (!task?.ownerId || task.ownerId !== p.sub)
      throw new ForbiddenError("This document belongs to another applicant.");
  } else {
    assertCenterScope(p, document.centerId);
  }
  return document;
}

/** The printable page of a document already read with `getDocument`: issued by its department, under its seal. */
export async function documentPage(
  document: ReviewDocument,
  ports: Pick<Ports, "reference">,
): Promise<string> {
  const department = await ports.reference.department(document.departmentId);
  return reviewDocumentHtml(document, department?.name ?? document.departmentId);
}

/**
 * Whether a document is intact and sealed by whom — for anyone holding it (public): the stored copy is hashed again
 * and the signature checked; `sha256` of a presented copy can be compared too.
 */
export async function checkDocument(
  documentId: string,
  presented: string | undefined,
  ports: Pick<ReviewPorts, "documents" | "seal">,
) {
  const document = await ports.documents.get(documentId);
  if (!document) throw new NotFoundError(`Document ${documentId} does not exist.`);
  return verification(document, presented, ports.seal);
}
