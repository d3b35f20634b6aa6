import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import type { DimensionsOf, MetricDefinition } from "./business-metrics.ts";
import { maskPersonalData } from "./personal-data.ts";

/**
 * One logger and one metrics per process (Powertools' recommended shape). Service name and namespace come
 * from POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE, set per function by the infrastructure.
 * Every log record passes through `maskPersonalData`: resident IDs and phone numbers never reach the logs.
 */
export const logger = new Logger({ jsonReplacerFn: maskPersonalData });

/**
 * Metrics report through the structured logger. An invocation that records no business metric is normal here
 * (Lambda counts invocations itself), so Powertools' warning about it is demoted to debug.
 */
export const metrics = new Metrics({
  logger: {
    debug: (...a: unknown[]) => logger.debug(String(a[0])),
    info: (...a: unknown[]) => logger.info(String(a[0])),
    error: (...a: unknown[]) => logger.error(String(a[0])),
    warn: (...a: unknown[]) =>
      String(a[0]).startsWith("No application metrics to publish")
        ? logger.debug(String(a[0]))
        : logger.warn(String(a[0])),
  },
});

/**
 * Tracing without a tracing SDK in the bundle (issue 21: Powertools Tracer pulled in the X-Ray SDK, semver and
 * cls-hooked, ≈ 120 KiB of every bundle and part of every cold start). Lambda's active tracing (set in
 * infra/aws/constructs/service-function.ts) still records each invocation's segment, and the AWS SDK v3 passes the
 * trace header from `_X_AMZN_TRACE_ID` on every call (its recursion-detection middleware), so a trace still follows a
 * request from API Gateway through its function and the SQS queues it sends to (a table stream carries no trace
 * header: a publisher starts its own trace, as before); Powertools Logger puts the same trace id on every log record
 * (`xray_trace_id`). What is given up: the subsegments inside a function — one per AWS call with its duration and
 * error, and the handler's own with its cold-start annotation — so where a slow invocation spent its time is read from
 * its logs, not its trace (docs/architecture.md, Operations). `captureAWSv3Client` stays the one place every client
 * passes through, and returns the client unchanged.
 */
export const tracer = {
  captureAWSv3Client<T>(client: T): T {
    return client;
  },
};

/**
 * One data point of a business metric (shared/business-metrics.ts). Without dimensions of its own it joins the
 * invocation's batch, which `observed` (shared/lambda.ts, every handler's chain) flushes when the invocation ends. With
 * dimensions it goes out at once as Powertools' single metric: every metric of one EMF record carries all of the
 * record's dimensions, so a `level` or `channel` added to the batch would stick to the invocation's other metrics.
 */
export function recordMetric<M extends MetricDefinition>(
  metric: M,
  value: number,
  ...[dimensions]: keyof M["dimensions"] extends never ? [] : [DimensionsOf<M>]
): void {
  const own = Object.entries((dimensions ?? {}) as Record<string, string>);
  if (!own.length) {
    metrics.addMetric(metric.name, metric.unit, value);
    return;
  }
  const single = metrics.singleMetric();
  for (const [name, dimensionValue] of own) single.addDimension(name, dimensionValue);
  single.addMetric(metric.name, metric.unit, value);
}
