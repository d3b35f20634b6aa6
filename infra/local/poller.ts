/**
 * A polling loop that is cheap when idle and quick when busy: after activity (or a nudge, e.g. after an HTTP request
 * that may have written) it polls back to back for a while, then backs off. `cycles` counts completed polls so
 * `drain` can wait for a poll that started after a given moment.
 */
/** Between empty polls while hot: short enough for sub-50 ms hand-offs, long enough not to keep Java busy. */
const HOT_DELAY_MS = 20;

export abstract class Poller {
  cycles = 0;
  /** True while the last completed cycle found work, or a cycle's work is being handled. */
  active = false;
  private running = false;
  private hotUntil = 0;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    readonly name: string,
    private readonly idleDelayMs = 100,
    private readonly hotWindowMs = 2000,
  ) {}

  /** One poll; returns whether it found work. */
  protected abstract poll(): Promise<boolean>;

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  nudge(): void {
    this.hotUntil = Date.now() + this.hotWindowMs;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let found = false;
      try {
        found = await this.poll();
      } catch (error) {
        if (this.running) console.error(`[local] ${this.name} poll failed:`, (error as Error).message);
      }
      this.active = found;
      this.cycles++;
      if (found) this.hotUntil = Date.now() + this.hotWindowMs;
      if (!this.running) break;
      const delay = Date.now() < this.hotUntil ? (found ? 0 : HOT_DELAY_MS) : this.idleDelayMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Resolves after a full poll that started after this call. */
  async nextCycle(): Promise<void> {
    const target = this.cycles + 2;
    this.nudge();
    while (this.running && this.cycles < target) await new Promise((r) => setTimeout(r, 2));
  }
}

/** Lambda event-filter matching for the subset the manifest uses: nested objects whose leaves list allowed values. */
export function matchesFilter(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.includes(value as never);
  if (pattern && typeof pattern === "object") {
    if (!value || typeof value !== "object") return false;
    return Object.entries(pattern).every(([k, p]) => matchesFilter(p, (value as Record<string, unknown>)[k]));
  }
  return pattern === value;
}
