/**
 * A seam for the local runtime only: it lets `infra/local` inject consumer faults (to prove retries, exactly-once
 * application and DLQ redrive through the real pollers) and observe each attempt's outcome. In AWS nothing registers
 * a hook, so `consumerHooks()` returns undefined and the consumer takes no extra step.
 */
export type AttemptOutcome = "applied" | "duplicate" | "failed" | "parked";

export interface ConsumerHooks {
  /** Throws to simulate a crash before the handler runs, or after it has committed (before the message is acked). */
  fault(consumer: string, eventId: string, eventType: string, phase: "before" | "after"): void;
  observe(consumer: string, eventId: string, eventType: string, outcome: AttemptOutcome): void;
}

const HOOKS = Symbol.for("govservice.consumerHooks");
type WithHooks = typeof globalThis & { [HOOKS]?: ConsumerHooks };

export function consumerHooks(): ConsumerHooks | undefined {
  return (globalThis as WithHooks)[HOOKS];
}

export function registerConsumerHooks(hooks: ConsumerHooks | undefined): void {
  (globalThis as WithHooks)[HOOKS] = hooks;
}
