import type { CalendarSource } from "#shared/calendar/holiday-schedule.ts";
import { DAY_MS, epochDayOf, startOfEpochDay } from "#shared/calendar/time-zone.ts";
import { limitEnd, requireDays as need, type Days, type Limit } from "#shared/calendar/limits.ts";
import { ConflictError } from "#shared/errors.ts";

export { limitEnd, type Days, type Limit };

/**
 * Monitoring's clocks (art. 21, full-process timing; DOMAIN.md "Time and deadlines"). One clock per subject and stage
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

/** The stages of an application (the others — hotline, rectification — have no application to name). */
export const CASE_STAGES: ReadonlySet<Stage> = new Set([
  "acceptance",
  "review",
  "procedure",
  "cure",
  "delivery",
  "case",
]);

/** Tiered warnings (分级预警), lowest first. */
export const LEVELS = ["reminder", "yellow", "red"] as const;
export type Level = (typeof LEVELS)[number];

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
  /** The event whose stop announced it (the whole case's: `clock.case-stopped`), which announces it again on a repeat. */
  stopEventId?: string;
  /** The deadline with the pauses added (computed again on every change and when a year's schedule is published). */
  dueAt?: string;
  /**
   * What a working-day clock's deadline rests on: `provisional` while a year it touches has no published schedule
   * (DOMAIN.md) — the deadline is computed on the statutory holidays and moves when the year is published.
   */
  calendar?: CalendarSource;
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
function span(limit: Limit, a: string, b: string, days?: Days): number {
  return limit.unit === "workingDays"
    ? need(days).calendar.workingMillisBetween(new Date(a), new Date(b), days!.overrides)
    : Math.max(0, ms(b) - ms(a));
}

/** The instant `amount` of counting time after `from`. */
function advance(limit: Limit, from: string, amount: number, days?: Days): string {
  return limit.unit === "workingDays"
    ? iso(need(days).calendar.addWorkingMillis(new Date(from), Math.round(amount), days!.overrides))
    : iso(ms(from) + Math.round(amount));
}

const baseDue = (clock: Pick<Clock, "limit" | "startedAt">, days?: Days) =>
  limitEnd(clock.limit, clock.startedAt, days);

/**
 * Where a clock's budget is counted from: for working days, 00:00 of the day after the start day — the start day is not
 * counted, the same rule as the deadline (DOMAIN.md; issue 17), so a 10-working-day limit is a budget of exactly 10
 * working days and its 50 % falls at 24:00 of the fifth. Clocks in hours or calendar days count from the start.
 */
const budgetFrom = (clock: Pick<Clock, "limit" | "startedAt">): string =>
  clock.limit.unit === "workingDays"
    ? iso(startOfEpochDay(epochDayOf(new Date(clock.startedAt)) + 1))
    : clock.startedAt;

/**
 * When each level is reached, as instants: the share of the budget used (pauses excluded), yellow also at
 * `yellowWorkingDaysLeft` before the deadline, red at the deadline. Yellow never comes after red nor before the start.
 */
export function levelInstants(
  clock: Pick<Clock, "limit" | "startedAt" | "pausedMillis" | "policy">,
  days?: Days,
): Record<Level, string> {
  const base = baseDue(clock, days);
  const from = budgetFrom(clock);
  const budget = span(clock.limit, from, base, days);
  const { reminderShare, yellowShare, yellowWorkingDaysLeft } = clock.policy;
  const yellowUsed =
    clock.limit.unit === "workingDays"
      ? Math.min(yellowShare * budget, Math.max(0, budget - yellowWorkingDaysLeft * DAY_MS))
      : yellowShare * budget;
  const at = (used: number) => advance(clock.limit, from, used + clock.pausedMillis, days);
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

/** What a deadline rests on: the calendar's weakest year from the start to the deadline (working-day clocks only). */
function basis(
  clock: Pick<Clock, "limit" | "startedAt">,
  dueAt: string,
  days?: Days,
): CalendarSource | undefined {
  return clock.limit.unit === "workingDays"
    ? need(days).calendar.basisOf(new Date(clock.startedAt), new Date(dueAt))
    : undefined;
}

/**
 * The deadline and when the sweep must look next, from the clock's facts. Every date has an answer (a year nobody
 * published is provisional), so a running clock always has a deadline.
 */
export function schedule(clock: Clock, days?: Days): Clock {
  if (clock.state !== "running") {
    const { nextAt: _, ...rest } = clock;
    return rest;
  }
  const instants = levelInstants(clock, days);
  const dueAt = instants.red;
  const waiting = [
    ...pendingLevels(clock).map((l) => instants[l]),
    ...(clock.expiry && !clock.expiredAt ? [dueAt] : []),
  ].sort();
  const { nextAt: _, calendar: __, ...rest } = clock;
  const source = basis(clock, dueAt, days);
  return {
    ...rest,
    dueAt,
    ...(source ? { calendar: source } : {}),
    ...(waiting.length ? { nextAt: waiting[0] } : {}),
  };
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

export function attend(clock: Clock, now: string, days?: Days): Attention {
  const placed = schedule(clock, days);
  if (placed.state !== "running" || !placed.dueAt) return { skip: [], expire: false, next: placed };
  const instants = levelInstants(placed, days);
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
    days,
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
export function startClock(input: StartInput, previous: Clock | undefined, at: string, days?: Days): Clock {
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
  return schedule(clock, days);
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
export function resumeClock(clock: Clock, at: string, by: string, days?: Days): Clock {
  if (clock.state !== "paused" || clock.pausedBy !== by)
    throw new ClockStateError(`The ${clock.stage} clock was not paused by ${by}.`);
  const paused = span(clock.limit, clock.pausedAt!, at, days);
  const { pausedAt: _, pausedBy: __, ...rest } = clock;
  return schedule(bump(rest, at, { state: "running", pausedMillis: clock.pausedMillis + paused }), days);
}

/** A longer period (行政许可法 art. 42: +10 working days once, approved by the head). */
export function extendClock(clock: Clock, extra: number, at: string, days?: Days): Clock {
  if (clock.state === "stopped") throw new ClockStateError(`The ${clock.stage} clock has stopped.`);
  if (clock.limit.unit === "until")
    throw new ClockStateError("A deadline set by a document is not extended.");
  const limit = { ...clock.limit, amount: clock.limit.amount + extra };
  return schedule(bump(clock, at, { limit }), days);
}

/**
 * The stage is over; its open warning clears (the store closes it). The deadline is computed once more on the calendar
 * in force, so a stopped clock keeps the deadline the law set — on the published year if it was published meanwhile.
 */
export function stopClock(clock: Clock, at: string, outcome: string, days?: Days): Clock {
  if (clock.state === "stopped") throw new ClockStateError(`The ${clock.stage} clock has stopped already.`);
  const paused = clock.state === "paused" ? span(clock.limit, clock.pausedAt!, at, days) : 0;
  const final = { ...clock, pausedMillis: clock.pausedMillis + paused };
  const dueAt = levelInstants(final, days).red;
  const source = basis(clock, dueAt, days);
  const { nextAt: _, pausedAt: __, pausedBy: ___, calendar: ____, ...rest } = final;
  return bump(rest, at, {
    state: "stopped",
    stoppedAt: at,
    outcome,
    dueAt,
    ...(source ? { calendar: source } : {}),
  });
}

/**
 * A year's schedule was published: the deadline and the warning times of a clock not yet stopped, computed again.
 * Levels already raised stay raised (a warning sent is a fact, and is never sent twice); the levels still to come
 * follow the new times. Undefined when nothing moved.
 */
export function recalendar(clock: Clock, at: string, days?: Days): Clock | undefined {
  if (clock.state === "stopped" || clock.limit.unit !== "workingDays") return undefined;
  const placed =
    clock.state === "running"
      ? schedule(clock, days)
      : (() => {
          const dueAt = levelInstants(clock, days).red;
          const source = basis(clock, dueAt, days);
          return { ...clock, dueAt, ...(source ? { calendar: source } : {}) };
        })();
  if (placed.dueAt === clock.dueAt && placed.nextAt === clock.nextAt && placed.calendar === clock.calendar)
    return undefined;
  return bump(placed, at, {});
}

/** Working (or counting) time used so far, pauses excluded: what supervisors read as elapsed. */
export function elapsed(clock: Clock, now: string, days?: Days): number {
  const end = clock.stoppedAt ?? clock.pausedAt ?? now;
  return span(clock.limit, clock.startedAt, end, days) - clock.pausedMillis;
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
