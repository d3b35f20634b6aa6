import type { ServiceName } from "./manifest/naming.ts";

/**
 * A business metric the handlers emit (CloudWatch embedded metric format, namespace `GovService`) and the operations
 * dashboard and alarms read (infra/aws/constructs/operations.ts). Declared once here, so the emitting code and the
 * infrastructure cannot disagree on a name or a dimension. CloudWatch keys a metric by its name and all its dimensions:
 * `service` (Powertools adds it: the emitting function's owner) plus the few declared here, each with its few values —
 * never an id.
 */
/** The CloudWatch namespace of every business metric (POWERTOOLS_METRICS_NAMESPACE, set per function by infra). */
export const METRICS_NAMESPACE = "GovService";

export interface MetricDefinition {
  name: string;
  unit: "Count" | "Seconds";
  /** The service whose functions emit it (their POWERTOOLS_SERVICE_NAME). */
  service: ServiceName;
  /** How a period's data points combine on the dashboard and in alarms. */
  statistic: "Sum" | "Maximum" | "Minimum";
  /** Dimensions besides `service`, with every value they take. */
  dimensions: Readonly<Record<string, readonly string[]>>;
}

export const businessMetrics = {
  /** How late the clock sweep handled the longest-waiting due clock of a run; 0 when nothing was due (art. 21). */
  sweepLag: {
    name: "SweepLagSeconds",
    unit: "Seconds",
    service: "monitoring",
    statistic: "Maximum",
    dimensions: {},
  },
  /** Due clocks a sweep run handled. */
  clocksSwept: {
    name: "ClocksSwept",
    unit: "Count",
    service: "monitoring",
    statistic: "Sum",
    dimensions: {},
  },
  /** Tiered warnings the sweep raised (预警), by level. */
  warningsRaised: {
    name: "WarningsRaised",
    unit: "Count",
    service: "monitoring",
    statistic: "Sum",
    dimensions: { level: ["reminder", "yellow", "red"] },
  },
  /** Failed attempts to send an SMS or email: temporary ones are retried by the queue, permanent ones are not. */
  notificationFailures: {
    name: "NotificationFailures",
    unit: "Count",
    service: "delivery",
    statistic: "Sum",
    dimensions: { channel: ["sms", "email"], kind: ["temporary", "permanent"] },
  },
  /**
   * Years a deadline set today can reach (the longest limit any guide allows) whose holiday schedule is not published
   * (the daily coverage check): deadlines there rest on the provisional calendar, so operations are alarmed at 1.
   */
  calendarYearsProvisional: {
    name: "CalendarYearsProvisional",
    unit: "Count",
    service: "catalog",
    statistic: "Maximum",
    dimensions: {},
  },
  notificationsDelivered: {
    name: "NotificationsDelivered",
    unit: "Count",
    service: "delivery",
    statistic: "Sum",
    dimensions: { channel: ["sms", "email"] },
  },
} as const satisfies Record<string, MetricDefinition>;

/** The dimension values one data point of `M` carries, typed from its declaration. */
export type DimensionsOf<M extends MetricDefinition> = {
  -readonly [K in keyof M["dimensions"]]: M["dimensions"][K][number];
};

/** Every combination of dimension values `metric` is emitted with: the series a dashboard graphs or an alarm sums. */
export function dimensionSets<M extends MetricDefinition>(metric: M): DimensionsOf<M>[] {
  return Object.entries(metric.dimensions).reduce<Record<string, string>[]>(
    (sets, [name, values]) => sets.flatMap((set) => values.map((value) => ({ ...set, [name]: value }))),
    [{}],
  ) as DimensionsOf<M>[];
}
