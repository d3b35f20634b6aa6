import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";
import type { DimensionsOf, MetricDefinition } from "./business-metrics.ts";
import { maskPersonalData } from "./personal-data.ts";

/**
 * One logger, one metrics and one tracer per process (Powertools' recommended shape). Service name and namespace come
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
export const tracer = new Tracer();

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
