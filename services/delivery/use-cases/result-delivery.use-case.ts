import { systemActor, type Caller } from "#shared/auth/caller.ts";
import { assertCenterScope, assertOwnerOrCenterStaff, type Principal } from "#shared/auth/principal.ts";
import { withNextNumber } from "#shared/aws/sequence.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import { NotFoundError } from "#shared/errors.ts";
import { newEvent, type Envelope, type EventContext, type TypedEnvelope } from "#shared/events/envelope.ts";
import type { reviewDecided } from "#services/review/contract/events.ts";
import type { CommonDeliveryPorts } from "../adapters/ports.ts";
import type { DeliveryFilter } from "../adapters/result-store.ts";
import {
  deliveryIdOf,
  eLicenseNumber,
  isDeliveryMethod,
  maskAddress,
  maskHolder,
  type ELicense,
  type ResultDelivery,
} from "../domain/results.ts";
import { eLicenseHtml } from "../domain/e-license.ts";
import { deliveryOpened, eLicenseIssued } from "../contract/result-events.ts";

/**
 * Open the result delivery of a decided case (art. 32), on `review.decided`; for an approval, issue the e-license
 * (电子证照, art. 36).
 * 1. A case that already has a delivery is left alone: a redelivered decision opens nothing and issues nothing twice
 *    (the record's Put is conditional, and the license is written in the same transaction).
 * 2. The methods come from the guide version the application followed, the owner and holder from intake's events.
 *    Facts not projected yet are an error, so the message is retried (events arrive in any order).
 * 3. The delivery, `delivery.opened` and — for an approval — the license under the year's next number and
 *    `e-license.issued` are written in one transaction.
 * Returns whether this call opened it (false: a previous delivery of the decision had).
 */
export async function openDelivery(
  event: TypedEnvelope<typeof reviewDecided>,
  ports: CommonDeliveryPorts,
): Promise<boolean> {
  const d = event.data;
  if (await ports.results.get(d.applicationId)) return false;
  const facts = await ports.cases.facts(d.applicationId);
  if (facts?.guideVersion === undefined) {
    throw new Error(
      `delivery: no case facts for ${d.applicationId} yet (application.submitted); retry later`,
    );
  }
  const offeredMethods = (await ports.cases.deliveryMethods(d.itemId, facts.guideVersion))?.filter(
    isDeliveryMethod,
  );
  if (!offeredMethods?.length) {
    throw new Error(`delivery: no delivery methods for ${d.itemId} v${facts.guideVersion} yet; retry later`);
  }
  const approved = d.decision === "approved";
  const licenseType = approved ? await ports.cases.itemName(d.itemId) : undefined;
  if (approved && (!facts.holder || !licenseType)) {
    throw new Error(
      `delivery: the license holder or item name of ${d.applicationId} is not known yet; retry later`,
    );
  }
  const context: EventContext = {
    source: "delivery",
    subject: d.applicationId,
    actor: systemActor("result-delivery"),
    correlationId: event.correlationId,
  };

  return withNextNumber(async () => {
    const now = ports.clock.now();
    const at = now.toISOString();
    const delivery: ResultDelivery = {
      id: deliveryIdOf(d.applicationId),
      applicationId: d.applicationId,
      centerId: d.centerId,
      departmentId: d.departmentId,
      itemId: d.itemId,
      ...(facts.ownerId ? { ownerId: facts.ownerId } : {}),
      decision: d.decision,
      document: d.document,
      offeredMethods,
      state: "awaitingChoice",
      openedAt: at,
      version: 1,
      updatedAt: at,
    };
    const events: Envelope[] = [
      newEvent(
        deliveryOpened,
        {
          applicationId: d.applicationId,
          centerId: d.centerId,
          deliveryId: delivery.id,
          decision: d.decision,
          documentId: d.document.id,
          offeredMethods,
          openedAt: at,
        },
        context,
        ports,
      ),
    ];
    if (!approved) return ports.results.open(delivery, events);

    const year = Number(businessDate(now).slice(0, 4));
    const sequence = (await ports.results.lastLicenseNumber(year)) + 1;
    const license: ELicense = {
      id: ports.ids.next("elic"),
      licenseType: licenseType!,
      number: eLicenseNumber(year, sequence),
      holder: facts.holder!,
      issuedAt: at,
      applicationId: d.applicationId,
      itemId: d.itemId,
      centerId: d.centerId,
      documentId: d.document.id,
    };
    const { id: licenseId, ...rest } = license;
    events.push(newEvent(eLicenseIssued, { licenseId, ...rest }, context, ports));
    return ports.results.open({ ...delivery, eLicense: license }, events, { license, year, sequence });
  });
}

// ——— Reading ———

/** The delivery of an application, for its owner or staff of its center. */
export async function deliveryOr404(
  applicationId: string,
  principal: Principal,
  { results }: Pick<CommonDeliveryPorts, "results">,
): Promise<ResultDelivery> {
  const delivery = await results.get(applicationId);
  if (!delivery)
    throw new NotFoundError(`Application ${applicationId} has no result to deliver (not decided yet?).`);
  assertOwnerOrCenterStaff(principal, { ownerId: delivery.ownerId ?? "", centerId: delivery.centerId });
  return delivery;
}

/** The delivery of an application, for staff of its center only. */
export async function centerDeliveryOr404(
  applicationId: string,
  principal: Principal,
  { results }: Pick<CommonDeliveryPorts, "results">,
): Promise<ResultDelivery> {
  const delivery = await results.get(applicationId);
  if (!delivery)
    throw new NotFoundError(`Application ${applicationId} has no result to deliver (not decided yet?).`);
  assertCenterScope(principal, delivery.centerId);
  return delivery;
}

const isOwner = (principal: Principal | undefined, d: ResultDelivery) =>
  principal?.role === "applicant" && d.ownerId !== undefined && principal.sub === d.ownerId;

/**
 * What a caller sees of a delivery. Codes and the link are secrets of the applicant: shown to the owner, and in the
 * answer to whoever just chose (a clerk choosing at the window hands the slip over); never in lists. The mailing
 * address is shown in full to the owner and to the center's clerks (who write the label), masked to other staff and
 * in every list; the license holder is always masked here.
 */
export function deliveryView(
  d: ResultDelivery,
  principal: Principal | undefined,
  reveal = isOwner(principal, d),
) {
  const { pickupCode: _code, ...window } = d.window ?? { pickupCode: "" };
  const { code: _lockerCode, ...locker } = d.locker ?? { code: "" };
  const {
    path: _path,
    keyId: _keyId,
    algorithm: _alg,
    ...electronic
  } = d.electronic ?? {
    path: "",
    keyId: "",
    algorithm: "",
  };
  const fullAddress = reveal || principal?.role === "clerk";
  return {
    id: d.id,
    applicationId: d.applicationId,
    centerId: d.centerId,
    itemId: d.itemId,
    decision: d.decision,
    document: d.document,
    ...(d.eLicense ? { eLicense: { ...d.eLicense, holder: maskHolder(d.eLicense.holder) } } : {}),
    offeredMethods: d.offeredMethods,
    state: d.state,
    ...(d.method ? { method: d.method } : {}),
    ...(d.window ? { window: reveal ? d.window : window } : {}),
    ...(d.locker ? { locker: reveal ? d.locker : locker } : {}),
    ...(d.electronic ? { electronic: reveal ? { ...electronic, path: d.electronic.path } : electronic } : {}),
    ...(d.mail
      ? { mail: { ...d.mail, address: fullAddress ? d.mail.address : maskAddress(d.mail.address) } }
      : {}),
    ...(d.codeGuard ? { codeGuard: d.codeGuard } : {}),
    ...(d.handover ? { handover: d.handover } : {}),
    ...(d.completedAt ? { completedAt: d.completedAt } : {}),
    openedAt: d.openedAt,
    updatedAt: d.updatedAt,
    version: d.version,
  };
}

/** Event data a history may show: ids, methods, times. Instructions (codes, links) only to the owner; never the holder. */
const HISTORY_FIELDS = [
  "method",
  "previousMethod",
  "decision",
  "documentId",
  "offeredMethods",
  "licenseType",
  "number",
  "readyAt",
  "expiresAt",
  "chosenAt",
  "returnedAt",
  "completedAt",
  "openedAt",
] as const;

function historyEntry(e: Envelope, reveal: boolean) {
  const data = Object.fromEntries(
    Object.entries(e.data).filter(
      ([k]) => (HISTORY_FIELDS as readonly string[]).includes(k) || (reveal && k === "instructions"),
    ),
  );
  return { id: e.id, type: e.type, occurredAt: e.occurredAt, actor: e.actor, data };
}

/**
 * A case's delivery: state, method, the chosen method's details and the history (every choice, change, handover,
 * dispatch, return and link opening).
 */
export async function getDelivery(
  applicationId: string,
  caller: Caller,
  ports: Pick<CommonDeliveryPorts, "results">,
) {
  const delivery = await deliveryOr404(applicationId, caller.principal, ports);
  const events = await ports.results.history(applicationId);
  const reveal = isOwner(caller.principal, delivery);
  const openings = events.filter((e) => e.type === "delivery.result-opened").map((e) => e.occurredAt);
  return {
    ...deliveryView(delivery, caller.principal, reveal),
    ...(delivery.electronic
      ? { linkOpenings: { count: openings.length, first: openings[0], last: openings.at(-1) } }
      : {}),
    history: events.map((e) => historyEntry(e, reveal)),
  };
}

/**
 * The e-license an approval issued (电子证照, art. 36) — for the case's owner and its center's staff, its holder masked
 * like every other answer — and its printable page, which rests on the sealed decision that grants it.
 */
export async function getELicense(
  applicationId: string,
  caller: Caller,
  ports: Pick<CommonDeliveryPorts, "results">,
) {
  const delivery = await deliveryOr404(applicationId, caller.principal, ports);
  const license = deliveryView(delivery, caller.principal).eLicense;
  if (!license)
    throw new NotFoundError(`Application ${applicationId} issued no e-license (denied, or none).`);
  return { license, html: eLicenseHtml(license, delivery.document) };
}

/** A center's deliveries by state and method (a clerk's worklist: results to hand over, parcels to send). Masked. */
export async function listDeliveries(
  query: DeliveryFilter & { cursor?: string; limit: number },
  caller: Caller,
  ports: Pick<CommonDeliveryPorts, "results">,
) {
  const p = caller.principal;
  assertCenterScope(p, p.centerId!);
  const { cursor, limit, ...filter } = query;
  const page = await ports.results.byCenter(p.centerId!, filter, { cursor, limit });
  return {
    ...page,
    items: page.items.map((d) => {
      const view = deliveryView(d, p, false);
      return view.mail ? { ...view, mail: { ...view.mail, address: maskAddress(d.mail!.address) } } : view;
    }),
  };
}
