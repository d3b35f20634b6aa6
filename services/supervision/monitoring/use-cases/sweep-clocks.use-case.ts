import { systemActor } from "#shared/auth/caller.ts";
import { ConflictError } from "#shared/errors.ts";
import { newEvent, type Envelope } from "#shared/events/envelope.ts";
import { businessMetrics } from "#shared/business-metrics.ts";
import { logger, recordMetric } from "#shared/observability.ts";
import type { MonitoringPorts } from "../adapters/ports.ts";
import type { Warning } from "../adapters/clock-store.ts";
import {
  attend,
  CASE_STAGES,
  levelInstants,
  LEVELS,
  recipientsFor,
  type Clock,
  type Level,
} from "../domain/clock.ts";
import { acceptanceWindowExpired, cureDeadlineExpired, warningRaised } from "../contract/events.ts";
import { centerDays } from "./center-days.ts";

type Ports = Pick<MonitoringPorts, "clocks" | "directory" | "clock" | "ids" | "policy" | "calendar">;

/** What the sweep knows of a center: its facts and the days its clocks count on. */
type CenterContext = Awaited<ReturnType<typeof centerDays>>;

const PAGE = 100;
const PARALLEL = 10;

export interface SweepResult {
  /** Clocks the due index returned. */
  due: number;
  raised: number;
  /** The same warnings by level. */
  raisedByLevel: Record<Level, number>;
  expired: number;
  /** Clocks another writer changed meanwhile: left for the next run, which reads them fresh. */
  skipped: number;
  /** Read capacity the due-index queries consumed: it grows with the due clocks, not with the open ones. */
  readCapacity: number;
  /** Since when the longest-waiting clock of the run had been due: absent when none was. */
  oldestDueSince?: string;
}

/**
 * The sweep (DESIGN.md "Clocks and schedules"; art. 21): read only the clocks due now, from every shard of the due
 * index, and for each raise the highest warning level reached, report an expiry to the service that acts on it, and
 * move it to its next attention time — all in one conditional write, so a rerun or an overlapping run raises nothing
 * twice (the warning's key is its clock, round and level; the clock's version must be the one read).
 */
export async function sweepClocks(scheduledAt: Date, runId: string, ports: Ports): Promise<SweepResult> {
  const now = scheduledAt.toISOString();
  const result: SweepResult = {
    due: 0,
    raised: 0,
    raisedByLevel: { reminder: 0, yellow: 0, red: 0 },
    expired: 0,
    skipped: 0,
    readCapacity: 0,
  };
  const centers = new Map<string, Promise<CenterContext>>();
  const center = (id: string) => {
    if (!centers.has(id)) centers.set(id, centerDays(id, ports));
    return centers.get(id)!;
  };
  const budget = Math.ceil(ports.policy.sweepMaxClocks / ports.clocks.shards);

  await Promise.all(
    Array.from({ length: ports.clocks.shards }, async (_, shard) => {
      let start: Record<string, unknown> | undefined;
      let seen = 0;
      do {
        const page = await ports.clocks.due(shard, now, PAGE, start);
        result.readCapacity += page.readCapacity;
        result.due += page.clocks.length;
        seen += page.clocks.length;
        result.oldestDueSince = oldestDueSince([result.oldestDueSince, ...page.clocks.map(dueSince)]);
        for (let i = 0; i < page.clocks.length; i += PARALLEL) {
          const outcomes = await Promise.all(
            page.clocks.slice(i, i + PARALLEL).map((c) => attendOne(c, now, runId, center, ports)),
          );
          for (const o of outcomes) {
            if (o === "skipped") result.skipped++;
            else {
              if (o.raised) {
                result.raised++;
                result.raisedByLevel[o.raised]++;
              }
              if (o.expired) result.expired++;
            }
          }
        }
        start = page.next;
      } while (start && seen < budget);
    }),
  );
  if (result.due) logger.info("clocks swept", { ...result, at: now });
  return result;
}

/**
 * When a clock became due in the index: its attention time — or, if it was written with that time already past (an
 * event handled late, a review clock started as of the materials' arrival), when it was written, since the sweep could
 * not have seen it earlier. So the lag measures the sweep, not the lateness of other services' events.
 */
export const dueSince = (clock: Pick<Clock, "nextAt" | "updatedAt">) =>
  clock.nextAt && Date.parse(clock.nextAt) > Date.parse(clock.updatedAt) ? clock.nextAt : clock.updatedAt;

function oldestDueSince(instants: (string | undefined)[]): string | undefined {
  const times = instants.filter((t) => t !== undefined).map(Date.parse);
  return times.length ? new Date(Math.min(...times)).toISOString() : undefined;
}

/** How late, in seconds, a run that ends at `now` handled its longest-waiting clock; 0 when nothing was due. */
export function sweepLagSeconds(result: Pick<SweepResult, "oldestDueSince">, now: Date): number {
  if (!result.oldestDueSince) return 0;
  return Math.max(0, Math.round((now.getTime() - Date.parse(result.oldestDueSince)) / 1000));
}

/**
 * The run's metrics (shared/business-metrics.ts): the lag and the clocks swept every run — so a sweep that stops
 * running shows as missing data — and the warnings raised by level. The operations dashboard graphs them; an alarm
 * watches the lag.
 */
export function recordSweep(result: SweepResult, now: Date): void {
  recordMetric(businessMetrics.sweepLag, sweepLagSeconds(result, now));
  recordMetric(businessMetrics.clocksSwept, result.due);
  for (const level of LEVELS) {
    if (result.raisedByLevel[level])
      recordMetric(businessMetrics.warningsRaised, result.raisedByLevel[level], { level });
  }
}

async function attendOne(
  clock: Clock,
  now: string,
  runId: string,
  center: (id: string) => Promise<CenterContext>,
  ports: Ports,
): Promise<{ raised?: Level; expired: boolean } | "skipped"> {
  const facts = await center(clock.centerId);
  const step = attend(clock, now, facts.days);
  const context = {
    source: "monitoring",
    subject: clock.subjectId,
    actor: systemActor("sweep-clocks"),
    correlationId: runId,
  };
  const events: Envelope[] = [];
  let next: Clock = { ...step.next, version: clock.version + 1, updatedAt: now };
  let open: Warning | undefined;
  let close: { warning: Warning; state: "superseded"; at: string } | undefined;

  if (step.raise) {
    open = await warningFor(clock, step.raise, now, facts, ports);
    next = { ...next, openWarning: { id: open.id, level: open.level } };
    if (clock.openWarning) {
      const previous = await ports.clocks.warning({ ...clock, level: clock.openWarning.level });
      if (previous?.state === "open") close = { warning: previous, state: "superseded", at: now };
    }
    events.push(
      newEvent(
        warningRaised,
        {
          warningId: open.id,
          clockId: clock.id,
          level: open.level,
          stage: clock.stage,
          centerId: clock.centerId,
          ...(clock.departmentId ? { departmentId: clock.departmentId } : {}),
          ...(CASE_STAGES.has(clock.stage) ? { applicationId: clock.subjectId } : {}),
          dueAt: open.dueAt,
          raisedAt: now,
          recipients: open.recipients,
          // The committed limit (承诺时限) passed: the applicant is told the center is on it.
          notifyApplicant: open.level === "red" && clock.stage === "review",
        },
        context,
        ports,
      ),
    );
  }
  if (step.expire) events.push(expiryEvent(clock, context, ports));

  try {
    await ports.clocks.save(next, { open, close, events });
    return { ...(open ? { raised: open.level } : {}), expired: step.expire };
  } catch (error) {
    if (error instanceof ConflictError) return "skipped";
    throw error;
  }
}

async function warningFor(
  clock: Clock,
  level: Level,
  now: string,
  facts: CenterContext,
  ports: Ports,
): Promise<Warning> {
  const handlers = await ports.directory.handlers(clock.subjectId);
  const handler =
    clock.stage === "procedure"
      ? handlers.review
      : clock.stage === "case"
        ? (handlers.review ?? handlers.acceptance)
        : handlers[clock.stage];
  const chief = clock.departmentId ? facts.center.chiefStaffIds.get(clock.departmentId) : undefined;
  const recipients = recipientsFor(level, {
    handlers: handler ? [handler] : [],
    chiefRepresentatives: chief ? await ports.directory.userIds([chief]) : [],
    administration: facts.center.administration,
  });
  return {
    id: ports.ids.next("wrn"),
    clockId: clock.id,
    subjectId: clock.subjectId,
    stage: clock.stage,
    round: clock.round,
    level,
    centerId: clock.centerId,
    ...(clock.departmentId ? { departmentId: clock.departmentId } : {}),
    ...(clock.itemId ? { itemId: clock.itemId } : {}),
    ...(clock.ownerId ? { ownerId: clock.ownerId } : {}),
    reachedAt: levelInstants(clock, facts.days)[level],
    raisedAt: now,
    dueAt: clock.dueAt!,
    recipients,
    ...(handler ? { handler } : {}),
    state: "open",
  };
}

/** The clock ran out: tell the owning service, which acts (intake deems accepted; review denies). */
function expiryEvent(
  clock: Clock,
  context: Parameters<typeof newEvent>[2],
  ports: Pick<Ports, "clock" | "ids">,
): Envelope {
  if (clock.expiry === "acceptanceWindow")
    return newEvent(
      acceptanceWindowExpired,
      {
        applicationId: clock.subjectId,
        centerId: clock.centerId,
        materialsArrivedAt: clock.facts.materialsArrivedAt ?? clock.startedAt,
        deadline: clock.dueAt!,
      },
      context,
      ports,
    );
  return newEvent(
    cureDeadlineExpired,
    {
      applicationId: clock.subjectId,
      centerId: clock.centerId,
      deadline: clock.dueAt!,
      missingMaterials: clock.facts.missingMaterials ?? [],
    },
    context,
    ports,
  );
}
