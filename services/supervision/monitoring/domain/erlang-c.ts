/**
 * Erlang C (M/M/c): how many windows a queue needs (art. 13: allocate windows by foot traffic, waiting time and load).
 * Assumptions (docs/staffing.md): arrivals are Poisson at the observed hourly rate, service times exponential with the
 * observed mean, one queue served by `c` identical windows in call order, nobody leaves the queue, the hour is in
 * steady state. Pure arithmetic; times in minutes.
 */

/** Offered load in Erlangs: arrivals per minute × mean service minutes. */
export const offeredLoad = (arrivalsPerHour: number, serviceMinutes: number) =>
  (arrivalsPerHour / 60) * serviceMinutes;

/**
 * Probability that an arrival waits (Erlang C), via the Erlang B recursion (stable for large `c`). 1 when the windows
 * cannot keep up (a ≥ c).
 */
export function waitProbability(windows: number, load: number): number {
  if (load <= 0) return 0;
  if (windows <= load) return 1;
  let b = 1;
  for (let k = 1; k <= windows; k++) b = (load * b) / (k + load * b);
  return (windows * b) / (windows - load * (1 - b));
}

export interface QueueOption {
  windows: number;
  /** Probability an applicant waits at all. */
  waitProbability: number;
  /** Mean wait in the queue (minutes); Infinity when the queue grows without bound. */
  expectedWaitMinutes: number;
  /** Share of applicants called within the target wait. */
  serviceLevel: number;
}

export function queueOption(
  windows: number,
  arrivalsPerHour: number,
  serviceMinutes: number,
  targetMinutes: number,
): QueueOption {
  const load = offeredLoad(arrivalsPerHour, serviceMinutes);
  if (load === 0) return { windows, waitProbability: 0, expectedWaitMinutes: 0, serviceLevel: 1 };
  if (windows <= load) return { windows, waitProbability: 1, expectedWaitMinutes: Infinity, serviceLevel: 0 };
  const pw = waitProbability(windows, load);
  return {
    windows,
    waitProbability: pw,
    expectedWaitMinutes: (pw * serviceMinutes) / (windows - load),
    serviceLevel: 1 - pw * Math.exp((-(windows - load) * targetMinutes) / serviceMinutes),
  };
}

/** The fewest windows whose service level reaches `goal` (0 when nobody comes). */
export function windowsNeeded(
  arrivalsPerHour: number,
  serviceMinutes: number,
  targetMinutes: number,
  goal: number,
): number {
  const load = offeredLoad(arrivalsPerHour, serviceMinutes);
  if (load === 0) return 0;
  let c = Math.max(1, Math.floor(load) + 1);
  while (queueOption(c, arrivalsPerHour, serviceMinutes, targetMinutes).serviceLevel < goal) c++;
  return c;
}
