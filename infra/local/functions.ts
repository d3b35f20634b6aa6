import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import type { Context } from "aws-lambda";
import type { FunctionModel } from "../manifest.ts";

type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Runs the same handler modules Lambda runs, in this process: each module is imported once (its cold start: env
 * parsed, clients built) and then invoked with a Lambda-shaped context. Counts invocations in flight for `drain`.
 */
export class FunctionHost {
  private readonly modules = new Map<string, Promise<LambdaHandler>>();
  private inFlight = 0;
  readonly stats = new Map<string, { invocations: number; errors: number }>();

  constructor(private readonly root: string) {}

  get busy(): boolean {
    return this.inFlight > 0;
  }

  async invoke<R = unknown>(fn: FunctionModel, event: unknown): Promise<R> {
    this.inFlight++;
    const stats = this.stats.get(fn.id) ?? { invocations: 0, errors: 0 };
    this.stats.set(fn.id, stats);
    stats.invocations++;
    const deadline = Date.now() + fn.settings.timeoutSeconds * 1000;
    let timer: NodeJS.Timeout | undefined;
    try {
      const handler = await this.load(fn);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Task timed out after ${fn.settings.timeoutSeconds} seconds (${fn.id})`)),
          fn.settings.timeoutSeconds * 1000,
        );
      });
      return (await Promise.race([handler(event, context(fn, deadline)), timeout])) as R;
    } catch (error) {
      stats.errors++;
      throw error;
    } finally {
      clearTimeout(timer);
      this.inFlight--;
    }
  }

  /** Import every function once up front, so a broken module or environment fails `npm start`, not a request. */
  async preload(fns: readonly FunctionModel[]): Promise<void> {
    for (const fn of fns) await this.load(fn);
  }

  private load(fn: FunctionModel): Promise<LambdaHandler> {
    let loaded = this.modules.get(fn.entry);
    if (!loaded) {
      loaded = import(resolve(this.root, fn.entry)).then((m: { handler?: LambdaHandler }) => {
        if (typeof m.handler !== "function") throw new Error(`${fn.entry} does not export a handler`);
        return m.handler;
      });
      this.modules.set(fn.entry, loaded);
    }
    return loaded;
  }
}

function context(fn: FunctionModel, deadline: number): Context {
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: fn.id,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${fn.id}`,
    memoryLimitInMB: String(fn.settings.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${fn.id}`,
    logStreamName: `local/${requestId}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
