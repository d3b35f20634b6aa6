import { businessDate } from "#shared/calendar/time-zone.ts";

/**
 * Queue metrics (art. 13: foot traffic, waiting time, window load), kept incrementally from intake's ticket events in
 * one bucket per center, date, hour (Asia/Shanghai) and queue (the ticket's service, which the windows of its type
 * serve). A bucket holds counters and minute histograms, so percentiles of any period come from merged histograms
 * and nothing ever reads the tickets again. Pure: no I/O.
 */

/** Histograms count whole minutes; everything from this many minutes up shares the last bucket. */
export const HISTOGRAM_MINUTES = 240;

export interface Bucket {
  date: string;
  hour: number;
  service: string;
  /** Tickets issued in the hour (foot traffic), split by how they came. */
  arrivals: number;
  appointmentArrivals: number;
  walkIns: number;
  /** First calls of tickets issued in the hour: waiting time = called − issued. */
  waits: number;
  waitSumSeconds: number;
  waitMaxSeconds: number;
  /** Minute histogram of the waits: index m counts waits in [m, m+1) minutes. */
  waitHistogram: number[];
  /** Services that began in the hour: service time = completed − service began. */
  served: number;
  serviceSumSeconds: number;
  serviceHistogram: number[];
  /** Windows that served in the hour. */
  windows: string[];
  /** Tickets issued in the hour and called with nobody coming. */
  noShows: number;
}

/** Where an instant falls: its Beijing date and hour. */
export function slot(at: string): { date: string; hour: number } {
  const instant = new Date(at);
  const date = businessDate(instant);
  const hour = new Date(instant.getTime() + 8 * 3_600_000).getUTCHours();
  return { date, hour };
}

export const seconds = (from: string, to: string) =>
  Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000));

export const minuteBucket = (s: number) => Math.min(HISTOGRAM_MINUTES, Math.floor(s / 60));

/** The value at quantile `q` (0–1) of a minute histogram, as the upper edge of its bucket in minutes; undefined if empty. */
export function percentile(histogram: readonly number[], q: number): number | undefined {
  const total = histogram.reduce((a, b) => a + (b ?? 0), 0);
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let m = 0; m < histogram.length; m++) {
    seen += histogram[m] ?? 0;
    if (seen >= rank) return m + 1;
  }
  return histogram.length;
}

export const emptyBucket = (date: string, hour: number, service: string): Bucket => ({
  date,
  hour,
  service,
  arrivals: 0,
  appointmentArrivals: 0,
  walkIns: 0,
  waits: 0,
  waitSumSeconds: 0,
  waitMaxSeconds: 0,
  waitHistogram: [],
  served: 0,
  serviceSumSeconds: 0,
  serviceHistogram: [],
  windows: [],
  noShows: 0,
});

const addHistograms = (a: readonly number[], b: readonly number[]) =>
  Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));

/** Two buckets as one (a day from its hours, several queues together). Window-hours add up; windows are a union. */
export function merge(a: Bucket, b: Bucket): Bucket & { windowHours: number } {
  const windowHours =
    ((a as { windowHours?: number }).windowHours ?? a.windows.length) +
    ((b as { windowHours?: number }).windowHours ?? b.windows.length);
  return {
    ...a,
    arrivals: a.arrivals + b.arrivals,
    appointmentArrivals: a.appointmentArrivals + b.appointmentArrivals,
    walkIns: a.walkIns + b.walkIns,
    waits: a.waits + b.waits,
    waitSumSeconds: a.waitSumSeconds + b.waitSumSeconds,
    waitMaxSeconds: Math.max(a.waitMaxSeconds, b.waitMaxSeconds),
    waitHistogram: addHistograms(a.waitHistogram, b.waitHistogram),
    served: a.served + b.served,
    serviceSumSeconds: a.serviceSumSeconds + b.serviceSumSeconds,
    serviceHistogram: addHistograms(a.serviceHistogram, b.serviceHistogram),
    windows: [...new Set([...a.windows, ...b.windows])].sort(),
    noShows: a.noShows + b.noShows,
    windowHours,
  };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** What a reader sees of a bucket (or merged buckets) — minutes, shares, utilization. */
export function summarize(b: Bucket & { windowHours?: number }, targetMinutes: number) {
  const withinTarget = b.waitHistogram.slice(0, targetMinutes).reduce((x, y) => x + (y ?? 0), 0);
  const windowHours = b.windowHours ?? b.windows.length;
  return {
    arrivals: b.arrivals,
    appointments: b.appointmentArrivals,
    walkIns: b.walkIns,
    appointmentShare: b.arrivals ? round(b.appointmentArrivals / b.arrivals, 4) : null,
    waiting: {
      count: b.waits,
      meanMinutes: b.waits ? round(b.waitSumSeconds / b.waits / 60) : null,
      p50Minutes: percentile(b.waitHistogram, 0.5) ?? null,
      p90Minutes: percentile(b.waitHistogram, 0.9) ?? null,
      maxMinutes: b.waits ? round(b.waitMaxSeconds / 60) : null,
    },
    /** Share called in under `targetMinutes` (art. 13's waiting time, the center's service level). */
    serviceLevel: b.waits ? round(withinTarget / b.waits, 4) : null,
    service: {
      count: b.served,
      meanMinutes: b.served ? round(b.serviceSumSeconds / b.served / 60) : null,
      p50Minutes: percentile(b.serviceHistogram, 0.5) ?? null,
      p90Minutes: percentile(b.serviceHistogram, 0.9) ?? null,
    },
    noShows: b.noShows,
    windows: b.windows.length,
    /** Serving time over the window-hours that served (a window counts for an hour in which it served anyone). */
    utilization: windowHours ? round(b.serviceSumSeconds / (windowHours * 3600), 4) : null,
  };
}
