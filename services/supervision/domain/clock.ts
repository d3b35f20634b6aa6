import { CalendarNotCoveredError } from "#shared/calendar/errors.ts";
import { DAY_MS, epochDayOf, startOfEpochDay } from "#shared/calendar/time-zone.ts";
import {
  addWorkingMillis,
  deadlineEnd,
  workingMillisBetween,
  type CalendarOverrides,
} from "#shared/calendar/working-days.ts";
import { ConflictError } from "#shared/errors.ts";

/**
 * Supervision's clocks (art. 21, full-process timing; DOMAIN.md "Time and deadlines"). One clock per subject and stage
 * — a case's acceptance, review, special procedure, cure, delivery and the whole case; a hotline work order's reply;
 * a bad rating's rectification. Other services' events start, pause, resume, extend and stop them; the sweep raises
 * the tiered warnings and the expiries. Pure: no I/O, time passed in.
 */
export const STAGES = [
  "acceptance",
  "review",
  "procedure",
  "cure",
  "delivery",
  "case",
  "hotlineReply",
  "rectification",
] as const;
export type Stage = (typeof STAGES)[number];

/** Tiered warnings (分级预警), lowest first. */
export const LEVELS = ["reminder", "yellow", "red"] as const;
export type Level = (typeof LEVELS)[number];

/**
 * How long a clock runs: statutory periods in working days (the start day not counted, ending 24:00 Beijing of the
 * Nth working day); hotline reply limits in hours or calendar days; a deadline set by a document (`until`).
 */
export type Limit =
  | { unit: "workingDays"; amount: number }
  | { unit: "hours"; amount: number }
  | { unit: "calendarDays"; amount: number }
  | { unit: "until"; dueAt: string };

/** DOMAIN.md defaults, configurable per center: reminder at 50 %, yellow at 75 % or ≤ 1 working day left. */
export interface WarningPolicy {
  reminderShare: number;
  yellowShare: number;
  /** Yellow also when this much working time is left (working-day clocks only). */
  yellowWorkingDaysLeft: number;
}
export const DEFAULT_WARNING_POLICY: WarningPolicy = {
  reminderShare: 0.5,
  yellowShare: 0.75,
  yellowWorkingDaysLeft: 1,
};

/** What the owning service must be told when a clock runs out (it acts; the clock only reports). */
export type Expiry = "acceptanceWindow" | "cureDeadline";

export type ClockState = "running" | "paused" | "stopped";

export interface Clock {
  /** `<subjectId>#<stage>`: one clock per subject and stage (a restart is a new round of the same clock). */
  id: string;
  subjectId: string;
  stage: Stage;
  /** Restarts (the acceptance window after a correction): warnings are once per level per round. */
  round: number;
  centerId: string;
  departmentId?: string;
  itemId?: string;
  /** The applicant who owns the case, who may see its clocks. */
  ownerId?: string;
  limit: Limit;
  startedAt: string;
  /** Time the clock stood still over finished pauses (working time for working-day clocks). */
  pausedMillis: number;
  pausedAt?: string;
  /** What paused it (a procedure id, `correction`), so only that resumes it. */
  pausedBy?: string;
  state: ClockState;
  stoppedAt?: string;
  /** Why it stopped: the stage's outcome (accepted, decided, delivered, …). */
  outcome?: string;
  /** The deadline with the pauses added; absent while the calendar cannot place it (see `calendarGap`). */
  dueAt?: string;
  /** The holiday calendar does not reach the deadline yet: computed again daily, warned by the catalog. */
  calendarGap?: boolean;
  policy: WarningPolicy;
  /** Whether staff are warned (an applicant's own deadline, like a cure, only expires). */
  warns: boolean;
  expiry?: Expiry;
  expiredAt?: string;
  /** Levels raised this round (each once) and levels passed over by a higher one. */
  raised: Level[];
  skipped: Level[];
  /** The warning still open: the latest raised, until the clock stops or a higher level replaces it. */
  openWarning?: { id: string; level: Level };
  /** When the sweep must look at it next; absent = not in the due index (paused, stopped, nothing left to raise). */
  nextAt?: string;
  /** Stage facts the expiry events carry. */
  facts: { materialsArrivedAt?: string; missingMaterials?: string[] };
  version: number;
  updatedAt: string;
}

export class ClockStateError extends ConflictError {
  override name = "ClockStateError";
}

export const clockId = (subjectId: string, stage: Stage) => `${subjectId}#${stage}`;

// ——— Time per unit ———

const ms = (iso: string) => new Date(iso).getTime();
const iso = (at: number | Date) => new Date(at).toISOString();

/** The time between two instants that counts for this clock: working time for working-day clocks. */
function span(limit: Limit, a: string, b: string, overrides?: CalendarOverrides): number {
  return limit.unit === "workingDays"
    ? workingMillisBetween(new Date(a), new Date(b), overrides)
    : Math.max(0, ms(b) - ms(a));
}

/** The instant `amount` of counting time after `from`. */
function advance(limit: Limit, from: string, amount: number, overrides?: CalendarOverrides): string {
  return limit.unit === "workingDays"
    ? iso(addWorkingMillis(new Date(from), Math.round(amount), overrides))
    : iso(ms(from) + Math.round(amount));
}

/** The deadline without pauses. Calendar days end at 24:00 Beijing of the Nth day, the start day not counted. */
export function limitEnd(limit: Limit, startedAt: string, overrides?: CalendarOverrides): string {
  switch (limit.unit) {
    case "workingDays":
      return iso(deadlineEnd(new Date(startedAt), limit.amount, overrides));
    case "hours":
      return iso(ms(startedAt) + limit.amount * 3_600_000);
    case "calendarDays":
      return iso(startOfEpochDay(epochDayOf(new Date(startedAt)) + limit.amount + 1));
    case "until":
      return limit.dueAt;
  }
}

const baseDue = (clock: Pick<Clock, "limit" | "startedAt">, overrides?: CalendarOverrides) =>
  limitEnd(clock.limit, clock.startedAt, overrides);

/**
 * When each level is reached, as instants: the share of the budget used (pauses excluded), yellow also at
 * `yellowWorkingDaysLeft` before the deadline, red at the deadline. Yellow never comes after red nor before the start.
 */
export function levelInstants(
  clock: Pick<Clock, "limit" | "startedAt" | "pausedMillis" | "policy">,
  overrides?: CalendarOverrides,
): Record<Level, string> {
  const base = baseDue(clock, overrides);
  const budget = span(clock.limit, clock.startedAt, base, overrides);
  const { reminderShare, yellowShare, yellowWorkingDaysLeft } = clock.policy;
  const yellowUsed =
    clock.limit.unit === "workingDays"
      ? Math.min(yellowShare * budget, Math.max(0, budget - yellowWorkingDaysLeft * DAY_MS))
      : yellowShare * budget;
  const at = (used: number) => advance(clock.limit, clock.startedAt, used + clock.pausedMillis, overrides);
  return { reminder: at(reminderShare * budget), yellow: at(yellowUsed), red: at(budget) };
}

const rank = (level: Level) => LEVELS.indexOf(level);
const highest = (levels: readonly Level[]) =>
  levels.reduce<Level | undefined>(
    (top, l) => (top === undefined || rank(l) > rank(top) ? l : top),
    undefined,
  );

/** Levels still to come: above everything raised or skipped. */
function pendingLevels(clock: Clock): Level[] {
  if (!clock.warns) return [];
  const top = highest([...clock.raised, ...clock.skipped]);
  return LEVELS.filter((l) => top === undefined || rank(l) > rank(top));
}

const startOfNextDay = (at: string) => iso(startOfEpochDay(epochDayOf(new Date(at)) + 1));

/**
 * The deadline and when the sweep must look next, from the clock's facts. If the holiday calendar does not reach that
 * far, the clock waits: `calendarGap`, and a look again tomorrow (the catalog's coverage check warns admins).
 */
export function schedule(clock: Clock, at: string, overrides?: CalendarOverrides): Clock {
  if (clock.state !== "running") {
    const { nextAt: _, ...rest } = clock;
    return rest;
  }
  try {
    const instants = levelInstants(clock, overrides);
    const dueAt = instants.red;
    const waiting = [
      ...pendingLevels(clock).map((l) => instants[l]),
      ...(clock.expiry && !clock.expiredAt ? [dueAt] : []),
    ].sort();
    const { calendarGap: _, nextAt: __, ...rest } = clock;
    return { ...rest, dueAt, ...(waiting.length ? { nextAt: waiting[0] } : {}) };
  } catch (error) {
    if (!(error instanceof CalendarNotCoveredError)) throw error;
    const { dueAt: _, ...rest } = clock;
    return { ...rest, calendarGap: true, nextAt: startOfNextDay(at) };
  }
}

/** What the sweep does with a due clock at `now`: the highest level newly reached, and whether it expired. */
export interface Attention {
  raise?: Level;
  /** Lower levels reached at the same time: passed over, never raised (one warning, the most urgent). */
  skip: Level[];
  expire: boolean;
  /** The clock after it (levels recorded, next attention); the caller adds the warning it opens. */
  next: Clock;
}

export function attend(clock: Clock, now: string, overrides?: CalendarOverrides): Attention {
  const placed = schedule(clock, now, overrides);
  if (placed.state !== "running" || placed.calendarGap || !placed.dueAt)
    return { skip: [], expire: false, next: placed };
  const instants = levelInstants(placed, overrides);
  const reached = pendingLevels(placed).filter((l) => instants[l] <= now);
  const raise = highest(reached);
  const skip = reached.filter((l) => l !== raise);
  const expire = placed.expiry !== undefined && !placed.expiredAt && placed.dueAt <= now;
  const next = schedule(
    {
      ...placed,
      raised: raise ? [...placed.raised, raise] : placed.raised,
      skipped: [...placed.skipped, ...skip],
      ...(expire ? { expiredAt: now } : {}),
    },
    now,
    overrides,
  );
  return { ...(raise ? { raise } : {}), skip, expire, next };
}

// ——— Lifecycle, driven by other services' events ———

export interface StartInput {
  subjectId: string;
  stage: Stage;
  centerId: string;
  departmentId?: string;
  itemId?: string;
  ownerId?: string;
  limit: Limit;
  startedAt: string;
  policy: WarningPolicy;
  warns?: boolean;
  expiry?: Expiry;
  facts?: Clock["facts"];
}

/** A new clock, or a new round of a stopped one (the acceptance window starts again after a correction). */
export function startClock(
  input: StartInput,
  previous: Clock | undefined,
  at: string,
  overrides?: CalendarOverrides,
): Clock {
  if (previous && previous.state !== "stopped")
    throw new ClockStateError(`The ${input.stage} clock of ${input.subjectId} is already running.`);
  const clock: Clock = {
    id: clockId(input.subjectId, input.stage),
    subjectId: input.subjectId,
    stage: input.stage,
    round: (previous?.round ?? 0) + 1,
    centerId: input.centerId,
    ...(input.departmentId ? { departmentId: input.departmentId } : {}),
    ...(input.itemId ? { itemId: input.itemId } : {}),
    ...(input.ownerId ? { ownerId: input.ownerId } : {}),
    limit: input.limit,
    startedAt: input.startedAt,
    pausedMillis: 0,
    state: "running",
    policy: input.policy,
    warns: input.warns ?? true,
    ...(input.expiry ? { expiry: input.expiry } : {}),
    raised: [],
    skipped: [],
    facts: input.facts ?? {},
    version: (previous?.version ?? 0) + 1,
    updatedAt: at,
  };
  return schedule(clock, at, overrides);
}

const bump = (clock: Clock, at: string, change: Partial<Clock>): Clock => ({
  ...clock,
  ...change,
  version: clock.version + 1,
  updatedAt: at,
});

/** Stand still from `at` (a special procedure, 行政许可法 art. 45; the applicant correcting materials). */
export function pauseClock(clock: Clock, at: string, by: string): Clock {
  if (clock.state !== "running") throw new ClockStateError(`The ${clock.stage} clock is ${clock.state}.`);
  const { nextAt: _, ...rest } = clock;
  return bump(rest, at, { state: "paused", pausedAt: at, pausedBy: by });
}

/** Run again: the deadline moves by exactly the time paused (working time for working-day clocks). */
export function resumeClock(clock: Clock, at: string, by: string, overrides?: CalendarOverrides): Clock {
  if (clock.state !== "paused" || clock.pausedBy !== by)
    throw new ClockStateError(`The ${clock.stage} clock was not paused by ${by}.`);
  const paused = span(clock.limit, clock.pausedAt!, at, overrides);
  const { pausedAt: _, pausedBy: __, ...rest } = clock;
  return schedule(
    bump(rest, at, { state: "running", pausedMillis: clock.pausedMillis + paused }),
    at,
    overrides,
  );
}

/** A longer period (行政许可法 art. 42: +10 working days once, approved by the head). */
export function extendClock(clock: Clock, extra: number, at: string, overrides?: CalendarOverrides): Clock {
  if (clock.state === "stopped") throw new ClockStateError(`The ${clock.stage} clock has stopped.`);
  if (clock.limit.unit === "until")
    throw new ClockStateError("A deadline set by a document is not extended.");
  const limit = { ...clock.limit, amount: clock.limit.amount + extra };
  return schedule(bump(clock, at, { limit }), at, overrides);
}

/** The stage is over; its open warning clears (the store closes it). */
export function stopClock(clock: Clock, at: string, outcome: string, overrides?: CalendarOverrides): Clock {
  if (clock.state === "stopped") throw new ClockStateError(`The ${clock.stage} clock has stopped already.`);
  const { nextAt: _, pausedAt: __, pausedBy: ___, ...rest } = clock;
  const paused = clock.state === "paused" ? pausedSpan(clock, at, overrides) : 0;
  return bump(rest, at, {
    state: "stopped",
    stoppedAt: at,
    outcome,
    pausedMillis: clock.pausedMillis + paused,
  });
}

/** The paused time up to `at`; 0 where the calendar cannot measure it (nothing is due on such a clock anyway). */
function pausedSpan(clock: Clock, at: string, overrides?: CalendarOverrides): number {
  try {
    return span(clock.limit, clock.pausedAt!, at, overrides);
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) return 0;
    throw error;
  }
}

/** Working (or counting) time used so far, pauses excluded: what supervisors read as elapsed. */
export function elapsed(clock: Clock, now: string, overrides?: CalendarOverrides): number | undefined {
  try {
    const end = clock.stoppedAt ?? clock.pausedAt ?? now;
    return span(clock.limit, clock.startedAt, end, overrides) - clock.pausedMillis;
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) return undefined;
    throw error;
  }
}

/** Who a warning goes to (DOMAIN.md): the handler; from yellow the chief representative; at red the administration. */
export function recipientsFor(
  level: Level,
  people: { handlers: string[]; chiefRepresentatives: string[]; administration: string[] },
): string[] {
  const to = [...people.handlers];
  if (rank(level) >= rank("yellow")) to.push(...people.chiefRepresentatives);
  if (level === "red") to.push(...people.administration);
  return [...new Set(to)];
}
