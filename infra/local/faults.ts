import { createHash } from "node:crypto";
import type { AttemptOutcome, ConsumerHooks } from "#shared/events/local-hooks.ts";

export interface FaultRule {
  consumer: string;
  eventType?: string;
  eventId?: string;
  phase: "before" | "after";
  /**
   * How many attempts fail; `Infinity` fails every attempt (the message must end in the DLQ). With `share`, how many
   * attempts of each chosen event fail.
   */
  times: number;
  /**
   * Fail only this share (0–1) of the events, chosen by a hash of consumer and event id — the same events on every
   * run and every redelivery (`isChosen`), so a test knows which ones failed.
   */
  share?: number;
}

/** Whether a `share` rule picks this event for this consumer: deterministic, about `share` of all ids. */
export function isChosen(consumer: string, eventId: string, share: number): boolean {
  const digest = createHash("sha256").update(`${consumer}:${eventId}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32 < share;
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
  private rules: (FaultRule & { failedByEvent: Map<string, number> })[] = [];
  readonly attempts: Attempt[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, failedByEvent: new Map() });
  }

  clear(): void {
    this.rules = [];
  }

  fault(consumer: string, eventId: string, eventType: string, phase: "before" | "after"): void {
    const rule = this.rules.find(
      (r) =>
        r.phase === phase &&
        r.consumer === consumer &&
        (r.eventType === undefined || r.eventType === eventType) &&
        (r.eventId === undefined || r.eventId === eventId) &&
        (r.share === undefined
          ? r.times > 0
          : isChosen(consumer, eventId, r.share) && (r.failedByEvent.get(eventId) ?? 0) < r.times),
    );
    if (!rule) return;
    if (rule.share === undefined) rule.times--;
    else rule.failedByEvent.set(eventId, (rule.failedByEvent.get(eventId) ?? 0) + 1);
    throw new Error(`injected fault (${phase}) in ${consumer} for ${eventType} ${eventId}`);
  }

  observe(consumer: string, eventId: string, eventType: string, outcome: AttemptOutcome): void {
    this.attempts.push({ consumer, eventId, eventType, outcome, at: new Date().toISOString() });
    if (this.attempts.length > 10_000) this.attempts.shift();
  }
}
