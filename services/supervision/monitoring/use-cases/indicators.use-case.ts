import { assertCenterScope, type Principal } from "#shared/auth/principal.ts";
import { fromRecord } from "#shared/aws/records.ts";
import type { MonitoringPorts } from "../adapters/ports.ts";
import type { Warning } from "../adapters/clock-store.ts";
import type { Clock } from "../domain/clock.ts";
import { caseIndicators, flatten, serviceIndicators, toCsv } from "../domain/indicators.ts";
import { emptyBucket, merge, summarize, type Bucket } from "../domain/queue-metrics.ts";
import type { RatingFact, RectificationFact, WorkOrderFact } from "../adapters/fact-store.ts";
import { centerDays } from "./center-days.ts";
import type { CountedWorkOrder } from "#services/supervision/complaints/contract/rates.ts";
import { DEFAULT_CONTACT_WINDOW_HOURS } from "#services/supervision/complaints/contract/work-order-values.ts";

type Ports = Pick<MonitoringPorts, "facts" | "metrics" | "directory" | "clock" | "queuePolicy" | "calendar">;

const CENTER = "center";

/**
 * A work order's fact as the rates count it. An order received before `work-order.received` carried the end of its
 * contact window, and not given one by the split's migration, is counted with the default window (issue 22).
 */
const counted = (o: WorkOrderFact): CountedWorkOrder => ({
  ...o,
  contactWindowEndsAt:
    o.contactWindowEndsAt ??
    new Date(new Date(o.receivedAt).getTime() + DEFAULT_CONTACT_WINDOW_HOURS * 3_600_000).toISOString(),
});

function lastDay(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * `GET /v1/reports/indicators`: a center's month (art. 54) — the center as a whole and each department: on-time
 * completion, overdue, warnings by level and stage, working days to decision, acceptance outcomes and correction rate,
 * ratings and 差评 rectification, hotline rates; for the center also appointments kept and the queue's waits.
 * Reads one center-month partition, the month's queue buckets and appointment counts (docs/indicators.md).
 */
export async function monthlyIndicators(
  query: { centerId?: string; month: string },
  principal: Principal,
  ports: Ports,
) {
  const centerId = query.centerId ?? principal.centerId!;
  assertCenterScope(principal, centerId);
  const [records, buckets, appointments, center] = await Promise.all([
    ports.facts.monthRecords(centerId, query.month),
    ports.metrics.buckets(centerId, `${query.month}-01`, lastDay(query.month)),
    ports.metrics.appointments(centerId, query.month),
    centerDays(centerId, ports),
  ]);
  const of = <T>(entity: string) => records.filter((r) => r.entity === entity).map((r) => fromRecord<T>(r));
  const clocks = of<Clock>("clock");
  const warnings = of<Warning>("warning");
  const orders = of<WorkOrderFact>("workOrderFact");
  const ratings = of<RatingFact>("ratingFact");
  // In the month's partition once opened, so with its due time (fact-store.ts).
  const rectifications = of<RectificationFact & { dueAt: string }>("rectificationFact");
  const now = ports.clock.now().toISOString();
  const scope = (departmentId: string | undefined) => ({
    ...caseIndicators(
      clocks.filter((c) => departmentId === undefined || (c.departmentId ?? CENTER) === departmentId),
      warnings.filter((w) => departmentId === undefined || (w.departmentId ?? CENTER) === departmentId),
      center.days,
    ),
    ...serviceIndicators(
      orders
        .filter((o) => departmentId === undefined || (o.unit?.departmentId ?? CENTER) === departmentId)
        .map(counted),
      ratings.filter((r) => departmentId === undefined || (r.departmentId ?? CENTER) === departmentId),
      rectifications.filter((r) => departmentId === undefined || (r.departmentId ?? CENTER) === departmentId),
      now,
    ),
  });
  const queue = summarize(
    buckets.reduce<Bucket & { windowHours?: number }>((a, b) => merge(a, b), {
      ...emptyBucket(query.month, 0, "all"),
      windowHours: 0,
    }),
    ports.queuePolicy.targetWaitMinutes,
  );
  const kept = appointments.kept + appointments.missed;
  const departments = [
    ...new Set([
      ...clocks.map((c) => c.departmentId),
      ...warnings.map((w) => w.departmentId),
      ...orders.map((o) => o.unit?.departmentId),
      ...ratings.map((r) => r.departmentId),
    ]),
  ]
    .filter((d): d is string => d !== undefined)
    .sort();
  return {
    centerId,
    month: query.month,
    asOf: now,
    center: {
      ...scope(undefined),
      appointments: {
        kept: appointments.kept,
        missed: appointments.missed,
        noShowRate: kept ? Math.round((appointments.missed / kept) * 10_000) / 10_000 : null,
      },
      queue: {
        arrivals: queue.arrivals,
        waiting: queue.waiting,
        serviceLevel: queue.serviceLevel,
        noShows: queue.noShows,
      },
    },
    departments: departments.map((departmentId) => ({ departmentId, ...scope(departmentId) })),
  };
}

/** The same as CSV: one row for the center, one per department. */
export function indicatorsCsv(report: Awaited<ReturnType<typeof monthlyIndicators>>): string {
  return toCsv([
    { centerId: report.centerId, month: report.month, scope: "center", ...flatten(report.center) },
    ...report.departments.map(({ departmentId, ...rest }) => ({
      centerId: report.centerId,
      month: report.month,
      scope: departmentId,
      ...flatten(rest),
    })),
  ]);
}
