import { captureLambdaHandler } from "@aws-lambda-powertools/tracer/middleware";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { logMetrics } from "@aws-lambda-powertools/metrics/middleware";
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import { logger, metrics, tracer } from "./observability.ts";

/**
 * The observability part of every function's middy chain (tracer → logger → metrics), in the order the project
 * fixes. HTTP handlers put the problem+json error handler in front of it; queue, stream and schedule handlers use it
 * as is.
 */
export function observed<E, R>(fn: (event: E, context: Context) => Promise<R>) {
  return middy<E, R>()
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(fn);
}
