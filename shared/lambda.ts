import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { logMetrics } from "@aws-lambda-powertools/metrics/middleware";
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import { logger, metrics } from "./observability.ts";

/**
 * The observability part of every function's middy chain (logger → metrics), in the order the project fixes. No
 * tracing middleware: Lambda's active tracing records the invocation (`tracer` in shared/observability.ts says what
 * that gives up). HTTP handlers put the problem+json error handler in front of it; queue, stream and schedule
 * handlers use it as is.
 */
export function observed<E, R>(fn: (event: E, context: Context) => Promise<R>) {
  return middy<E, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(fn);
}
