import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { assertCenterScope, assertOwnerOrCenterStaff, type Principal } from "#shared/auth/principal.ts";
import type { Page } from "#shared/aws/pagination.ts";
import { DAY_MS } from "#shared/calendar/time-zone.ts";
import { ConflictError, NotFoundError, ValidationError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { MonitoringPorts } from "../adapters/ports.ts";
import type { Warning, WarningFilter } from "../adapters/clock-store.ts";
import {
  elapsed,
  levelInstants,
  type Clock,
  type Days,
  type Level,
  type WarningPolicy,
} from "../domain/clock.ts";
import { centerDays } from "./center-days.ts";
import { warningPolicySet } from "../contract/events.ts";

type Ports = Pick<MonitoringPorts, "clocks" | "directory" | "clock" | "ids" | "calendar">;

/** What a reader sees of a clock: where it stands now, in working days where it counts them. */
function clockView(clock: Clock, now: string, days: Days) {
  const used = elapsed(clock, now, days);
  const inDays = clock.limit.unit === "workingDays";
  const { nextAt: _n, skipped: _s, version: _v, stopEventId: _e, ...shown } = clock;
  return {
    ...shown,
    // When each level is reached, for a clock that still runs and warns: what a dashboard counts down to.
    ...(clock.warns && clock.dueAt && clock.state !== "stopped"
      ? { warnAt: levelInstants(clock, days) }
      : {}),
    overdue: clock.dueAt !== undefined && (clock.stoppedAt ?? now) > clock.dueAt,
    ...(inDays
      ? { elapsedWorkingDays: Math.round((used / DAY_MS) * 100) / 100 }
      : { elapsedHours: Math.round((used / 3_600_000) * 100) / 100 }),
  };
}

/** Art. 21: a case's clocks and their warnings — for its owner and the staff of its center. */
export async function applicationClocks(applicationId: string, principal: Principal, ports: Ports) {
  const { clocks, warnings } = await ports.clocks.ofSubject(applicationId);
  const first = clocks[0];
  if (!first) throw new NotFoundError(`No clocks for application ${applicationId}.`);
  assertOwnerOrCenterStaff(principal, { ownerId: first.ownerId ?? "", centerId: first.centerId });
  const { days } = await centerDays(first.centerId, ports);
  const now = ports.clock.now().toISOString();
  const order = ["case", "acceptance", "review", "procedure", "cure", "delivery"];
  return {
    applicationId,
    clocks: clocks
      .sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage))
      .map((c) => clockView(c, now, days)),
    // Staff see who was warned; the applicant sees that the center was.
    warnings: warnings
      .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt))
      .map((w) => (principal.role === "applicant" ? withoutRecipients(w) : w)),
  };
}

// Who was warned, and whose hands the case was in, are staff matters: not in the applicant's view of their case.
const withoutRecipients = ({ recipients: _, handler: _h, ...w }: Warning) => w;

/**
 * Open warnings of a center (`GET /v1/warnings`): its own staff and supervisors. Department-bound staff (approvers,
 * chief representatives) see their department's.
 */
export async function listWarnings(
  query: WarningFilter & { centerId?: string; cursor?: string; limit: number },
  principal: Principal,
  ports: Ports,
): Promise<Page<Warning>> {
  const centerId = query.centerId ?? principal.centerId!;
  assertCenterScope(principal, centerId);
  const departmentId = principal.departmentId ?? query.departmentId;
  return ports.clocks.openWarnings(
    centerId,
    { level: query.level, stage: query.stage, departmentId },
    { cursor: query.cursor, limit: query.limit },
  );
}

const URGENCY = { red: 0, yellow: 1, reminder: 2 } as const;
/** Centers read at a time: a city's scope is a few hundred centers, each two small queries. */
const CENTERS_AT_ONCE = 8;

/**
 * Warnings across centers (art. 21, 53) for a supervisor: their center and every center under it (city → district →
 * subdistrict), red first, then yellow, then reminders, the earliest due first; and each center's open warnings by
 * level, the center with most reds first — where supervision is needed most.
 */
export async function crossCenterWarnings(
  query: WarningFilter & { limit: number },
  principal: Principal,
  ports: Pick<Ports, "clocks" | "directory" | "clock">,
) {
  const own = principal.centerId!;
  const centers = [
    (await ports.directory.centerProfile(own)) ?? { centerId: own, name: own },
    ...(await ports.directory.centersUnder(own)),
  ];
  const read: { center: (typeof centers)[number]; counts: Record<Level, number>; items: Warning[] }[] = [];
  for (let i = 0; i < centers.length; i += CENTERS_AT_ONCE)
    read.push(
      ...(await Promise.all(
        centers.slice(i, i + CENTERS_AT_ONCE).map(async (center) => {
          const [counts, page] = await Promise.all([
            ports.clocks.countOpenWarnings(center.centerId),
            ports.clocks.openWarnings(
              center.centerId,
              { level: query.level, stage: query.stage },
              { limit: query.limit },
            ),
          ]);
          return { center, counts, items: page.items };
        }),
      )),
    );
  const matching = read.flatMap(({ center, items }) =>
    items.filter((w) => w.state === "open").map((w) => ({ ...w, centerName: center.name })),
  );
  matching.sort((a, b) => URGENCY[a.level] - URGENCY[b.level] || a.dueAt.localeCompare(b.dueAt));
  const sum = (level: Level) => read.reduce((n, r) => n + r.counts[level], 0);
  return {
    asOf: ports.clock.now().toISOString(),
    centers: read
      .map(({ center, counts }) => ({ ...center, ...counts }))
      .sort(
        (a, b) =>
          b.red - a.red ||
          b.yellow - a.yellow ||
          b.reminder - a.reminder ||
          a.name.localeCompare(b.name, "zh"),
      ),
    total: { red: sum("red"), yellow: sum("yellow"), reminder: sum("reminder") },
    items: matching.slice(0, query.limit),
    // The counts say how many match a level (or none); a stage is not counted: a full page from a center may hide more
    truncated: query.stage
      ? matching.length > query.limit || read.some((r) => r.items.length >= query.limit)
      : (query.level ? sum(query.level) : sum("red") + sum("yellow") + sum("reminder")) > query.limit,
  };
}

export async function getWarningPolicy(centerId: string, principal: Principal, ports: Ports) {
  assertCenterScope(principal, centerId);
  return { centerId, ...(await ports.directory.policy(centerId)) };
}

/**
 * A center's own thresholds (DOMAIN.md: configurable per center). They apply to clocks started from now on; a running
 * clock keeps the thresholds it started with, so a warning never appears or vanishes retroactively.
 */
export async function setWarningPolicy(
  centerId: string,
  input: WarningPolicy & { version?: number },
  caller: Caller,
  ports: Ports,
) {
  assertCenterScope(caller.principal, centerId);
  if (input.reminderShare >= input.yellowShare)
    throw new ValidationError([{ path: ["reminderShare"], message: "must be below yellowShare" }]);
  const current = await ports.directory.policy(centerId);
  if (input.version !== undefined && input.version !== current.version)
    throw new ConflictError(`The policy changed meanwhile: it is at version ${current.version}.`);
  const next = {
    reminderShare: input.reminderShare,
    yellowShare: input.yellowShare,
    yellowWorkingDaysLeft: input.yellowWorkingDaysLeft,
    version: current.version + 1,
  };
  const event = newEvent(
    warningPolicySet,
    { centerId, ...next },
    causedBy(caller, "monitoring", centerId),
    ports,
  );
  await ports.directory.savePolicy(centerId, next, event);
  return { centerId, ...next };
}
