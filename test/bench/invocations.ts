import { AsyncLocalStorage } from "node:async_hooks";
import { FunctionHost } from "#infra/local/functions.ts";
import type { FunctionKind, FunctionModel } from "#infra/manifest.ts";

/**
 * Bench-only instrumentation of the local runtime: every handler runs through `FunctionHost.invoke` (HTTP server,
 * stream and queue pollers, scheduler), so wrapping that one method — in this process, without changing the runtime —
 * counts invocations, times them, and tells the capacity meter which function a DynamoDB call was made for.
 */
export interface Invocation {
  id: string;
  kind: FunctionKind;
  memoryMb: number;
  durationMs: number;
  /** Records or messages in the batch (stream and queue sources); 1 otherwise. */
  batch: number;
}

const current = new AsyncLocalStorage<{ fn: FunctionModel; meteringMs: number }>();
let recorded: Invocation[] = [];
let installed = false;

/** The function whose invocation the caller runs in, if any. */
export function currentFunction(): FunctionModel | undefined {
  return current.getStore()?.fn;
}

/**
 * Time the bench's own instrumentation spent inside the current invocation (the billing meter reading items before
 * and after a write): taken off the invocation's duration, so Lambda's GB-seconds are the code's own.
 */
export function chargeMeteringTime(ms: number): void {
  const store = current.getStore();
  if (store) store.meteringMs += ms;
}

export function recordInvocations(): { reset(): void; taken(): Invocation[] } {
  if (!installed) {
    installed = true;
    const original = FunctionHost.prototype.invoke;
    FunctionHost.prototype.invoke = function <R>(this: FunctionHost, fn: FunctionModel, event: unknown) {
      const started = performance.now();
      const records = (event as { Records?: unknown[] } | undefined)?.Records;
      const store = { fn, meteringMs: 0 };
      return current.run(store, async () => {
        try {
          return (await original.call(this, fn, event)) as R;
        } finally {
          recorded.push({
            id: fn.id,
            kind: fn.kind,
            memoryMb: fn.settings.memoryMb,
            durationMs: performance.now() - started - store.meteringMs,
            batch: Array.isArray(records) ? records.length : 1,
          });
        }
      });
    };
  }
  return {
    reset: () => void (recorded = []),
    taken: () => [...recorded],
  };
}
