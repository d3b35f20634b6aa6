import * as z from "zod";
import { defineEvent, type EventDefinition } from "#shared/events/define-event.ts";
import { DELIVERY_METHODS } from "./result-values.ts";

/**
 * Result delivery events (art. 32, 36). Ids, methods and times — never the mailing address or a phone number. The
 * exceptions are deliberate: `delivery.ready` carries the instructions the applicant is sent (pickup code, locker
 * code or the result link: the notification must say them), and `e-license.issued` names the holder (intake must
 * know whose license it is to reuse it).
 */
const datetime = z.iso.datetime({ offset: true });
const method = z.enum(DELIVERY_METHODS);
const ref = { applicationId: z.string(), centerId: z.string(), deliveryId: z.string() };

export const deliveryOpened = defineEvent(
  "delivery.opened",
  1,
  z.object({
    ...ref,
    decision: z.enum(["approved", "denied"]),
    documentId: z.string(),
    offeredMethods: z.array(method).min(1),
    openedAt: datetime,
  }),
  "A decided case's result awaits delivery; the applicant chooses among the methods the guide offers (art. 32).",
);

export const eLicenseIssued = defineEvent(
  "e-license.issued",
  1,
  z.object({
    licenseId: z.string(),
    /** What it attests: the item's name. */
    licenseType: z.string(),
    number: z.string(),
    /** Resident ID number or unified social credit code: whose license it is (needed to reuse it, art. 36). */
    holder: z.string(),
    issuedAt: datetime,
    applicationId: z.string(),
    itemId: z.string(),
    centerId: z.string(),
    documentId: z.string(),
  }),
  "An approval issued an e-license (电子证照, art. 36); later applications reuse it instead of paper.",
);

export const deliveryMethodChosen = defineEvent(
  "delivery.method-chosen",
  1,
  z.object({
    ...ref,
    method,
    /** Set when this changes an earlier choice. */
    previousMethod: method.optional(),
    chosenAt: datetime,
  }),
  "The applicant (or a clerk for them) chose or changed how the result is delivered.",
);

export const deliveryReady = defineEvent(
  "delivery.ready",
  1,
  z.object({
    ...ref,
    method,
    /** One Chinese sentence for the applicant: where, how and until when (it may hold a code or the link). */
    instructions: z.string(),
    readyAt: datetime,
    /** Until when the locker holds it or the link works. */
    expiresAt: datetime.optional(),
  }),
  "The result is ready for the applicant: pickup code issued, locker loaded, link pushed, or parcel dispatched.",
);

export const deliveryReturned = defineEvent(
  "delivery.returned",
  1,
  z.object({ ...ref, method: z.literal("mail"), returnedAt: datetime }),
  "The parcel came back undelivered; the applicant chooses again.",
);

export const deliveryCompleted = defineEvent(
  "delivery.completed",
  1,
  z.object({
    ...ref,
    method,
    completedAt: datetime,
    /**
     * When the method that delivered it made the result ready (its `delivery.ready`: code issued, locker loaded, link
     * pushed, parcel dispatched), if it announced one — absent for a result handed over with no such notice first.
     */
    readyAt: datetime.optional(),
  }),
  "The result reached the applicant: the delivery stage and the case are complete (art. 21, 32).",
);

export const resultOpened = defineEvent(
  "delivery.result-opened",
  1,
  z.object({ ...ref, linkId: z.string(), openedAt: datetime }),
  "Someone holding the electronic result link opened it (recorded for the applicant and for supervision).",
);

export const codeLocked = defineEvent(
  "delivery.code-locked",
  1,
  z.object({ ...ref, method, lockedAt: datetime, wrongCodes: z.number().int() }),
  "Too many wrong pickup or locker codes in a row: the code is locked until a new one is issued; the applicant is told.",
);

export const resultEvents: EventDefinition[] = [
  deliveryOpened,
  eLicenseIssued,
  deliveryMethodChosen,
  deliveryReady,
  deliveryReturned,
  deliveryCompleted,
  resultOpened,
  codeLocked,
];
