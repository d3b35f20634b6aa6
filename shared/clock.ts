/**
 * The one source of business time (DESIGN.md, "Clocks and schedules"). In AWS it is the system clock. The local
 * runtime may shift it (virtual time) to demonstrate deadlines without waiting; it does so through a process-wide
 * offset that only `infra/local` writes.
 */
export interface Clock {
  now(): Date;
}

const OFFSET = Symbol.for("govservice.virtualClockOffsetMs");
type WithOffset = typeof globalThis & { [OFFSET]?: number };

export const clock: Clock = {
  now: () => new Date(Date.now() + ((globalThis as WithOffset)[OFFSET] ?? 0)),
};

/** For the local runtime only: the current virtual offset from real time, in milliseconds. */
export function virtualOffsetMs(): number {
  return (globalThis as WithOffset)[OFFSET] ?? 0;
}

/** For the local runtime only. Virtual time never moves backwards. */
export function setVirtualOffsetMs(offsetMs: number): void {
  if (offsetMs < virtualOffsetMs()) throw new Error("Virtual time only moves forward.");
  (globalThis as WithOffset)[OFFSET] = offsetMs;
}

/**
 * For the local runtime only, once, before anything reads the clock: start virtual time at `at` — in the past too (a
 * test suite pinned to a date, a demo of last spring). From then on it only moves forward.
 */
export function startVirtualClockAt(at: Date): void {
  if ((globalThis as WithOffset)[OFFSET] !== undefined)
    throw new Error("The virtual clock has started already.");
  (globalThis as WithOffset)[OFFSET] = at.getTime() - Date.now();
}

/** A fixed clock for unit tests. */
export function fixedClock(at: string | Date): Clock & { advance(ms: number): void } {
  let t = new Date(at).getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}
