import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type {
  centerRegistered,
  centerUpdated,
  closureAdded,
  closureRemoved,
  guidePublished,
  openingAdded,
  openingRemoved,
  itemStatusChanged,
  windowRegistered,
  windowUpdated,
} from "#services/catalog/contract/events.ts";
import type { eLicenseIssued } from "#services/delivery/contract/result-events.ts";
import { duplicateUnless } from "#shared/events/consumer.ts";
import type { IntakePorts } from "../adapters/ports.ts";

type Ports = Pick<IntakePorts, "reference" | "clock">;

/**
 * Intake's projections of the catalog. Each is safe to apply twice or out of order: it moves forward only, through
 * its own conditional write (putIfNewer), so the consumer keeps no record of these events (`ownIdempotency`, issue
 * 21). A write refused — the event applied before, or overtaken by a newer one — leaves nothing to do: "duplicate".
 */
export const projectCenter = (
  event: TypedEnvelope<typeof centerRegistered | typeof centerUpdated>,
  { reference }: Ports,
) => reference.saveCenter(event.data.center).then(duplicateUnless);

export const projectClosureAdded = (event: TypedEnvelope<typeof closureAdded>, { reference }: Ports) =>
  reference.saveClosure({ ...event.data, active: true }, event).then(duplicateUnless);

export const projectClosureRemoved = (event: TypedEnvelope<typeof closureRemoved>, { reference }: Ports) =>
  reference.saveClosure({ ...event.data, active: false }, event).then(duplicateUnless);

export const projectOpeningAdded = (event: TypedEnvelope<typeof openingAdded>, { reference }: Ports) =>
  reference.saveOpening({ ...event.data, active: true }, event).then(duplicateUnless);

export const projectOpeningRemoved = (event: TypedEnvelope<typeof openingRemoved>, { reference }: Ports) =>
  reference.saveOpening({ ...event.data, active: false }, event).then(duplicateUnless);

export const projectWindow = (
  event: TypedEnvelope<typeof windowRegistered | typeof windowUpdated>,
  { reference }: Ports,
) => reference.saveWindow(event.data.window).then(duplicateUnless);

export const projectItemStatus = (event: TypedEnvelope<typeof itemStatusChanged>, { reference }: Ports) =>
  reference.saveItemStatus(event.data, event).then(duplicateUnless);

/** The guide version in force, and every version kept (applications snapshot one; corrections may not exceed it). */
export const projectGuide = (event: TypedEnvelope<typeof guidePublished>, { reference, clock }: Ports) =>
  reference
    .saveGuide({ ...event.data, projectedAt: clock.now().toISOString(), sourceEventId: event.id })
    .then(duplicateUnless);

/**
 * Art. 36: a license this platform issued is one an applicant need not submit again. Keyed by holder and type, so a
 * renewal replaces the old number; false when a delivery of the same event registered it before.
 */
export const projectELicense = (
  event: TypedEnvelope<typeof eLicenseIssued>,
  { eLicenses }: Pick<IntakePorts, "eLicenses">,
) => eLicenses.registerIssued(event.data.holder, { type: event.data.licenseType, number: event.data.number });
