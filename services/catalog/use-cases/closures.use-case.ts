import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import { RuleViolationError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import { assertAdministers } from "../domain/scope.ts";
import type { DateOpening } from "../domain/hours.ts";
import { closureAdded, closureRemoved, openingAdded, openingRemoved } from "../contract/events.ts";
import { centerOr404 } from "./load.ts";

type Ports = Pick<CatalogPorts, "centers" | "clock" | "ids">;

/** Close a center on a date (renovation, emergency): deadlines counted in that center skip it. */
export async function addClosure(
  centerId: string,
  closure: { date: string; reason: string },
  caller: Caller,
  ports: Ports,
) {
  const center = await centerOr404(centerId, ports);
  assertAdministers(caller.principal, center);
  const event = newEvent(
    closureAdded,
    { centerId, ...closure },
    causedBy(caller, "catalog", centerId),
    ports,
  );
  await ports.centers.addClosure(centerId, closure, event);
  return { centerId, ...closure };
}

export async function removeClosure(
  centerId: string,
  date: string,
  caller: Caller,
  ports: Ports,
): Promise<void> {
  const center = await centerOr404(centerId, ports);
  assertAdministers(caller.principal, center);
  const event = newEvent(closureRemoved, { centerId, date }, causedBy(caller, "catalog", centerId), ports);
  await ports.centers.removeClosure(centerId, date, event);
}

/**
 * Open the center on one rest day (a weekend campaign, a holiday the district asks it to serve), with the hours and
 * what it offers then. Only a nationally rest day from today on, not one the center closed: a working day is open
 * anyway. The day stays a rest day for deadlines (DOMAIN.md: openings do not count).
 */
export async function addOpening(
  centerId: string,
  opening: DateOpening,
  caller: Caller,
  ports: Ports & Pick<CatalogPorts, "calendar">,
) {
  const center = await centerOr404(centerId, ports);
  assertAdministers(caller.principal, center);
  const [calendar, closures] = await Promise.all([
    ports.calendar.calendar(),
    ports.centers.closures(centerId),
  ]);
  const refuse = (rule: string, detail: string, message: string) => {
    throw new RuleViolationError(rule, detail, [{ path: ["date"], message }]);
  };
  if (opening.date < businessDate(ports.clock.now()))
    refuse("opening-in-the-past", `${opening.date} is past.`, "in the past");
  if (calendar.isWorkingDay(opening.date))
    refuse(
      "opening-on-working-day",
      `${opening.date} is a working day: the center is open in its hours anyway.`,
      "a working day",
    );
  if (closures.some((c) => c.date === opening.date))
    refuse(
      "opening-on-closure",
      `The center is closed on ${opening.date}: withdraw the closure first.`,
      "closed that day",
    );
  const event = newEvent(
    openingAdded,
    { centerId, ...opening },
    causedBy(caller, "catalog", centerId),
    ports,
  );
  await ports.centers.addOpening(centerId, opening, event);
  return { centerId, ...opening };
}

export async function removeOpening(
  centerId: string,
  date: string,
  caller: Caller,
  ports: Ports,
): Promise<void> {
  const center = await centerOr404(centerId, ports);
  assertAdministers(caller.principal, center);
  const event = newEvent(openingRemoved, { centerId, date }, causedBy(caller, "catalog", centerId), ports);
  await ports.centers.removeOpening(centerId, date, event);
}
