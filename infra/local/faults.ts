import type { AttemptOutcome, ConsumerHooks } from "#shared/events/local-hooks.ts";

export interface FaultRule {
  consumer: string;
  eventType?: string;
  eventId?: string;
  phase: "before" | "after";
  /** How many attempts fail; `Infinity` fails every attempt (the message must end in the DLQ). */
  times: number;
}

export interface Attempt {
  consumer: string;
  eventId: string;
  eventType: string;
  outcome: AttemptOutcome;
  at: string;
}

/**
 * Local-only consumer instrumentation: injected faults (a crash before the handler runs, or after it committed but
 * before the message was acknowledged) and a log of every attempt's outcome, to prove redelivery, exactly-once
 * application and DLQ redrive through the real pollers.
 */
export class ConsumerFaults implements ConsumerHooks {
  private rules: FaultRule[] = [];
  readonly attempts: Attempt[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  fault(consumer: string, eventId: string, eventType: string, phase: "before" | "after"): void {
    const rule = this.rules.find(
      (r) =>
        r.times > 0 &&
        r.phase === phase &&
        r.consumer === consumer &&
        (r.eventType === undefined || r.eventType === eventType) &&
        (r.eventId === undefined || r.eventId === eventId),
    );
    if (!rule) return;
    rule.times--;
    throw new Error(`injected fault (${phase}) in ${consumer} for ${eventType} ${eventId}`);
  }

  observe(consumer: string, eventId: string, eventType: string, outcome: AttemptOutcome): void {
    this.attempts.push({ consumer, eventId, eventType, outcome, at: new Date().toISOString() });
    if (this.attempts.length > 10_000) this.attempts.shift();
  }
}
