import { randomUUID } from "node:crypto";
import { clock } from "#shared/clock.ts";
import type { ScheduleModel } from "../manifest.ts";
import type { FunctionHost } from "./functions.ts";
import { nextFire } from "./schedule-expression.ts";

export interface ScheduleRun {
  schedule: string;
  scheduledAt: string;
  ok: boolean;
  error?: string;
}

/**
 * Runs the manifest's schedules on virtual time: each fires when the clock passes its next time, whether the clock
 * got there by waiting or by `POST /_local/clock`. A jump over many periods fires once (like a scheduler that was
 * down), with the latest missed time, so a sweep sees everything due without a burst of identical runs.
 */
export class Scheduler {
  private readonly next = new Map<string, Date>();
  private readonly anchor = clock.now();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  /** Schedules a test holds back (`/_local/schedules/{id}/pause`); on resume they fire once for the time missed. */
  private readonly paused = new Set<string>();
  readonly runs: ScheduleRun[] = [];
  /** Runs ever made (`runs` keeps the last 200): what a clock move fired is what ran after its mark. */
  private made = 0;

  constructor(
    private readonly schedules: readonly ScheduleModel[],
    private readonly host: FunctionHost,
  ) {
    for (const s of schedules) this.next.set(s.id, nextFire(s.definition.schedule, this.anchor, this.anchor));
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), 1000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  status() {
    return this.schedules.map((s) => ({
      id: s.id,
      next: this.next.get(s.id)!.toISOString(),
      handler: s.fn.id,
      paused: this.paused.has(s.id),
    }));
  }

  /** Fire everything due at the current virtual time; resolves when those runs finish. */
  tick(): Promise<ScheduleRun[]> {
    const run = this.running.then(async () => {
      const now = clock.now();
      const fired: ScheduleRun[] = [];
      for (const s of this.schedules) {
        const due = this.next.get(s.id)!;
        if (due > now || this.paused.has(s.id)) continue;
        let latest = due;
        for (
          let n = nextFire(s.definition.schedule, latest, this.anchor);
          n <= now;
          n = nextFire(s.definition.schedule, n, this.anchor)
        )
          latest = n;
        this.next.set(s.id, nextFire(s.definition.schedule, now, this.anchor));
        fired.push(await this.invoke(s, latest));
      }
      return fired;
    });
    this.running = run.catch(() => undefined);
    return run;
  }

  /**
   * Hold a schedule back, or let it run again (tests that need a moment the background job has not reached yet —
   * what a request does when the job is late). Nothing is skipped: a resumed schedule fires at the next tick.
   */
  setPaused(id: string, paused: boolean): void {
    if (!this.schedules.some((x) => x.id === id)) throw new Error(`No schedule ${id}`);
    if (paused) this.paused.add(id);
    else this.paused.delete(id);
  }

  /** A mark to read the runs made after it with `since` (whichever tick made them: the timer's or a clock move's). */
  mark(): number {
    return this.made;
  }

  since(mark: number): ScheduleRun[] {
    const n = this.made - mark;
    return n > 0 ? this.runs.slice(-Math.min(n, this.runs.length)) : [];
  }

  /** Run one schedule now (ops and tests), as EventBridge would at this virtual time. */
  runNow(id: string): Promise<ScheduleRun> {
    const s = this.schedules.find((x) => x.id === id);
    if (!s) throw new Error(`No schedule ${id}`);
    return this.invoke(s, clock.now());
  }

  private async invoke(s: ScheduleModel, at: Date): Promise<ScheduleRun> {
    const record: ScheduleRun = { schedule: s.id, scheduledAt: at.toISOString(), ok: true };
    try {
      await this.host.invoke(s.fn, {
        version: "0",
        id: randomUUID(),
        "detail-type": "Scheduled Event",
        source: "aws.events",
        account: "000000000000",
        time: at.toISOString(),
        region: "local",
        resources: [`arn:aws:events:local:000000000000:rule/${s.id}`],
        detail: {},
      });
    } catch (error) {
      record.ok = false;
      record.error = (error as Error).message;
    }
    this.made++;
    this.runs.push(record);
    if (this.runs.length > 200) this.runs.shift();
    return record;
  }
}
