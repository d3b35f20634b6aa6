import { assertCenterScope, type Principal } from "#shared/auth/principal.ts";
import { ValidationError } from "#shared/errors.ts";
import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type {
  appointmentCheckedIn,
  appointmentNoShow,
  ticketCalled,
  ticketCompleted,
  ticketIssued,
  ticketNoShow,
} from "#services/intake/contract/queue-events.ts";
import type { MonitoringPorts } from "../adapters/ports.ts";
import { queueOption, windowsNeeded } from "../domain/erlang-c.ts";
import {
  emptyBucket,
  merge,
  minuteBucket,
  seconds,
  slot,
  summarize,
  type Bucket,
} from "../domain/queue-metrics.ts";

type Ports = Pick<MonitoringPorts, "metrics" | "clock" | "queuePolicy">;

const epochS = (ports: Pick<Ports, "clock">) => Math.floor(ports.clock.now().getTime() / 1000);

/** Foot traffic: a ticket issued, by how it came (an appointment's check-in or a walk-in). */
export async function countIssued(e: TypedEnvelope<typeof ticketIssued>, ports: Ports) {
  const d = e.data;
  const appointment = d.appointmentId !== undefined;
  await ports.metrics.count(
    e.id,
    {
      centerId: d.centerId,
      ...slot(d.issuedAt),
      service: d.service,
      add: { arrivals: 1, ...(appointment ? { appointmentArrivals: 1 } : { walkIns: 1 }) },
    },
    epochS(ports),
  );
}

/** Waiting time, on the first call (a transferred ticket called again does not wait twice), in the issue hour. */
export async function countCalled(e: TypedEnvelope<typeof ticketCalled>, ports: Ports) {
  const d = e.data;
  if (d.transferred) return;
  const wait = seconds(d.issuedAt, d.calledAt);
  await ports.metrics.count(
    e.id,
    {
      centerId: d.centerId,
      ...slot(d.issuedAt),
      service: d.service,
      add: { waits: 1, waitSumSeconds: wait },
      waitMinute: minuteBucket(wait),
      waitSeconds: wait,
    },
    epochS(ports),
  );
}

/** Service time and window load, in the hour the service began. */
export async function countCompleted(e: TypedEnvelope<typeof ticketCompleted>, ports: Ports) {
  const d = e.data;
  const service = seconds(d.servingStartedAt, d.completedAt);
  await ports.metrics.count(
    e.id,
    {
      centerId: d.centerId,
      ...slot(d.servingStartedAt),
      service: d.service,
      add: { served: 1, serviceSumSeconds: service },
      serviceMinute: minuteBucket(service),
      window: d.windowId,
    },
    epochS(ports),
  );
}

export async function countNoShow(e: TypedEnvelope<typeof ticketNoShow>, ports: Ports) {
  const d = e.data;
  await ports.metrics.count(
    e.id,
    { centerId: d.centerId, ...slot(d.issuedAt), service: d.service, add: { noShows: 1 } },
    epochS(ports),
  );
}

/** Appointments kept or missed (the monthly no-show rate), by the slot's date. */
export async function countAppointment(
  e: TypedEnvelope<typeof appointmentCheckedIn | typeof appointmentNoShow>,
  ports: Ports,
) {
  await ports.metrics.countAppointment(
    e.id,
    {
      centerId: e.data.centerId,
      date: slot(e.data.slotStart).date,
      kept: e.type === "appointment.checked-in",
    },
    epochS(ports),
  );
}

const MAX_DAYS = 92;

function checkRange(from: string, to: string) {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days < 0 || days >= MAX_DAYS)
    throw new ValidationError([{ path: ["to"], message: `from ≤ to, at most ${MAX_DAYS} days` }]);
}

/** Group buckets by period (an hour or a day) and queue, merging what falls together. */
function group(buckets: Bucket[], by: "hour" | "day") {
  const groups = new Map<string, Bucket & { windowHours?: number }>();
  for (const b of buckets) {
    const period = by === "hour" ? `${b.date}T${String(b.hour).padStart(2, "0")}` : b.date;
    const key = `${period}|${b.service}`;
    const seen = groups.get(key);
    groups.set(key, seen ? merge(seen, b) : { ...b, windowHours: b.windows.length });
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, b]) => ({ period: key.split("|")[0]!, bucket: b }));
}

/** `GET /v1/metrics/centers/{id}`: foot traffic, waits, service times, service level and window load (art. 13). */
export async function centerMetrics(
  centerId: string,
  query: { from: string; to: string; by: "hour" | "day"; queue?: string; targetMinutes?: number },
  principal: Principal,
  ports: Ports,
) {
  assertCenterScope(principal, centerId);
  checkRange(query.from, query.to);
  const target = query.targetMinutes ?? ports.queuePolicy.targetWaitMinutes;
  const buckets = (await ports.metrics.buckets(centerId, query.from, query.to)).filter(
    (b) => !query.queue || b.service === query.queue,
  );
  const total = buckets.reduce<Bucket & { windowHours?: number }>((acc, b) => merge(acc, b), {
    ...emptyBucket(query.from, 0, "all"),
    windowHours: 0,
  });
  return {
    centerId,
    from: query.from,
    to: query.to,
    by: query.by,
    targetMinutes: target,
    total: summarize(total, target),
    rows: group(buckets, query.by).map(({ period, bucket }) => ({
      period,
      queue: bucket.service,
      ...summarize(bucket, target),
    })),
  };
}

/**
 * `GET /v1/centers/{id}/staffing`: for each queue and hour of a day, the windows Erlang C says are needed to call
 * `goal` of the applicants within the target wait, from that hour's observed arrivals and mean service time, beside
 * the windows that actually served — with the expected wait of each option (docs/staffing.md).
 */
export async function staffing(
  centerId: string,
  query: { date: string; targetMinutes?: number; goal?: number },
  principal: Principal,
  ports: Ports,
) {
  assertCenterScope(principal, centerId);
  const target = query.targetMinutes ?? ports.queuePolicy.targetWaitMinutes;
  const goal = query.goal ?? ports.queuePolicy.serviceLevelGoal;
  const buckets = await ports.metrics.buckets(centerId, query.date, query.date);
  const rows = buckets
    .sort((a, b) => a.hour - b.hour || a.service.localeCompare(b.service))
    .map((b) => {
      const serviceMinutes = b.served ? b.serviceSumSeconds / b.served / 60 : undefined;
      const recommended =
        serviceMinutes === undefined ? undefined : windowsNeeded(b.arrivals, serviceMinutes, target, goal);
      const options =
        serviceMinutes === undefined || !recommended
          ? []
          : [recommended - 1, recommended, recommended + 1]
              .filter((c) => c >= 1)
              .map((c) => finite(queueOption(c, b.arrivals, serviceMinutes, target)));
      return {
        hour: b.hour,
        queue: b.service,
        arrivalsPerHour: b.arrivals,
        meanServiceMinutes: serviceMinutes === undefined ? null : Math.round(serviceMinutes * 100) / 100,
        windowsOpen: b.windows.length,
        windowsRecommended: recommended ?? null,
        difference: recommended === undefined ? null : recommended - b.windows.length,
        options,
      };
    });
  return { centerId, date: query.date, targetMinutes: target, serviceLevelGoal: goal, rows };
}

/** JSON has no Infinity: an unbounded queue's wait is `null`. */
const finite = (o: ReturnType<typeof queueOption>) => ({
  windows: o.windows,
  waitProbability: Math.round(o.waitProbability * 10_000) / 10_000,
  expectedWaitMinutes: Number.isFinite(o.expectedWaitMinutes)
    ? Math.round(o.expectedWaitMinutes * 100) / 100
    : null,
  serviceLevel: Math.round(o.serviceLevel * 10_000) / 10_000,
});
