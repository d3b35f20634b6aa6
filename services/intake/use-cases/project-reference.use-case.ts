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
} from "#services/catalog/events.ts";
import type { eLicenseIssued } from "#services/delivery/result-events.ts";
import type { IntakePorts } from "../adapters/ports.ts";

type Ports = Pick<IntakePorts, "reference" | "clock">;

/**
 * Intake's projections of the catalog. Each is safe to apply twice or out of order: it moves forward only.
 */
export const projectCenter = (
  event: TypedEnvelope<typeof centerRegistered | typeof centerUpdated>,
  { reference }: Ports,
) => reference.saveCenter(event.data.center).then(() => undefined);

export const projectClosureAdded = (event: TypedEnvelope<typeof closureAdded>, { reference }: Ports) =>
  reference.saveClosure({ ...event.data, active: true }, event).then(() => undefined);

export const projectClosureRemoved = (event: TypedEnvelope<typeof closureRemoved>, { reference }: Ports) =>
  reference.saveClosure({ ...event.data, active: false }, event).then(() => undefined);

export const projectOpeningAdded = (event: TypedEnvelope<typeof openingAdded>, { reference }: Ports) =>
  reference.saveOpening({ ...event.data, active: true }, event).then(() => undefined);

export const projectOpeningRemoved = (event: TypedEnvelope<typeof openingRemoved>, { reference }: Ports) =>
  reference.saveOpening({ ...event.data, active: false }, event).then(() => undefined);

export const projectWindow = (
  event: TypedEnvelope<typeof windowRegistered | typeof windowUpdated>,
  { reference }: Ports,
) => reference.saveWindow(event.data.window).then(() => undefined);

export const projectItemStatus = (event: TypedEnvelope<typeof itemStatusChanged>, { reference }: Ports) =>
  reference.saveItemStatus(event.data, event).then(() => undefined);

/** The guide version in force, and every version kept (applications snapshot one; corrections may not exceed it). */
export const projectGuide = (event: TypedEnvelope<typeof guidePublished>, { reference, clock }: Ports) =>
  reference
    .saveGuide({ ...event.data, projectedAt: clock.now().toISOString(), sourceEventId: event.id })
    .then(() => undefined);

/**
 * Art. 36: a license this platform issued is one an applicant need not submit again. Keyed by holder and type, so a
 * redelivered event writes the same item and a renewal replaces the old number.
 */
export const projectELicense = (
  event: TypedEnvelope<typeof eLicenseIssued>,
  { eLicenses }: Pick<IntakePorts, "eLicenses">,
) => eLicenses.register(event.data.holder, [{ type: event.data.licenseType, number: event.data.number }]);
