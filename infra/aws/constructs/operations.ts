import { Aws, Duration, RemovalPolicy, Stack, Token, Validations } from "aws-cdk-lib";
import type { IHttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Alarm,
  AlarmStatusWidget,
  AlarmWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
  type GraphWidgetProps,
  type IAlarm,
  type IAlarmAction,
  type IWidget,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import {
  businessMetrics,
  dimensionSets,
  METRICS_NAMESPACE,
  type MetricDefinition,
} from "#shared/business-metrics.ts";
import type { ServiceName } from "#shared/manifest/naming.ts";
import type { Model } from "#infra/manifest.ts";
import type { MessagingStack } from "../stacks/messaging-stack.ts";
import type { ServiceStack } from "../stacks/service-stack.ts";
import { DeadLetterQueue } from "./queues.ts";

/** A sweep that handles a due clock more than five minutes late is behind (art. 21 warnings are due on time). */
export const SWEEP_LAG_THRESHOLD_SECONDS = 300;
/** Share of API requests answered 5xx, in percent, over five minutes, that raises the alarm… */
export const API_5XX_RATE_THRESHOLD_PERCENT = 1;
/** …once the five minutes hold at least this many requests: two failures of a handful of calls are not a rate. */
export const API_5XX_MIN_REQUESTS = 20;

/** A DLQ by the name operators know it by (the model's DLQ id) and its construct, wherever its stack. */
export interface NamedDeadLetterQueue {
  readonly id: string;
  readonly dlq: DeadLetterQueue;
}

/**
 * Every DLQ of the system, from the model: each queue's, each table stream's and each scheduled function's. The
 * queue DLQs live in Messaging, the others in their service's stack.
 */
export function deadLetterQueuesOf(
  model: Model,
  messaging: MessagingStack,
  services: ReadonlyMap<ServiceName, ServiceStack>,
): NamedDeadLetterQueue[] {
  const resources = (service: ServiceName) => services.get(service)!.resources;
  const scheduled = [...new Map(model.schedules.map((s) => [s.fn.id, s])).values()];
  return [
    ...model.queues.map((q) => ({ id: q.dlqId, dlq: messaging.queues.get(q.id)!.dlq })),
    ...model.tables.map((t) => ({ id: t.streamDlqId, dlq: resources(t.service).streamDlq })),
    ...scheduled.map((s) => ({
      id: `${s.fn.id}-dlq`,
      dlq: DeadLetterQueue.of(resources(s.service).asyncDlqFor(s.fn)!),
    })),
  ];
}

export interface OperationsProps {
  readonly api: IHttpApi;
  readonly deadLetterQueues: readonly NamedDeadLetterQueue[];
  /** Who is told when an alarm goes off or recovers (CDK context `alarmEmail`); subscribe others to the topic. */
  readonly alarmEmail?: string;
}

/**
 * What operators watch (docs/architecture.md, "In AWS"): one dashboard — the API's 5xx and latency, every DLQ, the
 * clock sweep's lag and warnings, notification failures — and the alarms, all sending to one encrypted topic.
 *
 * It lives in the root stack and refers to no nested stack, so the stacks' one-way references stay as they are:
 * alarms and the dashboard are named (`<root stack>-…`), the topic too, and the DLQ alarms in Messaging and the
 * service stacks reach the topic by its ARN built from that name, the dashboard their alarms by theirs.
 */
export class Operations extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly sweepLagAlarm: Alarm;
  readonly apiErrorRateAlarm: Alarm;
  readonly calendarAlarm: Alarm;
  /** The DLQs' alarms by DLQ id, as the root stack sees them (by name). */
  readonly deadLetterAlarms: ReadonlyMap<string, IAlarm>;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const prefix = Stack.of(this).stackName;
    if (Token.isUnresolved(prefix)) throw new Error("Operations needs a stack whose name is known at synth");
    const alarmName = (name: string) => `${prefix}-${name}`;

    const key = new Key(this, "AlarmTopicKey", {
      description: `${prefix}: encrypts the alarm notifications on the ${prefix}-alarms topic`,
      enableKeyRotation: true,
      // It protects nothing stored: SNS holds a message only while delivering it.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.topic = new Topic(this, "AlarmTopic", {
      topicName: alarmName("alarms"),
      displayName: `${prefix} alarms`,
      // Encrypted with a key of its own: CloudWatch cannot publish to a topic under SNS's AWS-managed key, whose policy
      // cannot name it. An encrypted topic takes TLS requests only, so there is no separate TLS-only statement (cdk-nag's
      // AwsSolutions-SNS3 accepts either).
      masterKey: key,
    });
    // CloudWatch publishes the alarms — only ours (named `<prefix>-…`, in this account and region) — and needs the key.
    const fromOurAlarms = {
      StringEquals: { "aws:SourceAccount": Aws.ACCOUNT_ID },
      ArnLike: {
        "aws:SourceArn": `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${prefix}-*`,
      },
    };
    const cloudWatch = new ServicePrincipal("cloudwatch.amazonaws.com");
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudWatch],
        actions: ["sns:Publish"],
        resources: [this.topic.topicArn],
        conditions: fromOurAlarms,
      }),
    );
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudWatch],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
        conditions: fromOurAlarms,
      }),
    );
    if (props.alarmEmail) {
      const subscription = this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
      Validations.of(subscription).acknowledge({
        id: "Serverless-SNSRedrivePolicy",
        reason:
          "An alarm email that cannot be delivered loses nothing: the alarm's state and history stay in CloudWatch, and the dashboard shows it.",
      });
    }

    // The same ARN the topic gets, from its name: the DLQ alarms in nested stacks use it without a stack reference.
    const topicArnByName = `arn:${Aws.PARTITION}:sns:${Aws.REGION}:${Aws.ACCOUNT_ID}:${alarmName("alarms")}`;
    const notifyByName: IAlarmAction = { bind: () => ({ alarmActionArn: topicArnByName }) };
    const notify = new SnsAction(this.topic);

    // ——— Alarms ———

    const deadLetterAlarms = new Map<string, IAlarm>();
    for (const { id: dlqId, dlq } of props.deadLetterQueues) {
      dlq.notify(alarmName(dlqId), notifyByName);
      deadLetterAlarms.set(dlqId, Alarm.fromAlarmName(this, `${dlqId}-alarm`, alarmName(dlqId)));
    }
    this.deadLetterAlarms = deadLetterAlarms;

    const sweepLag = metricOf(businessMetrics.sweepLag, {}, Duration.minutes(5));
    this.sweepLagAlarm = new Alarm(this, "SweepLag", {
      alarmName: alarmName("sweep-lag"),
      alarmDescription: `The clock sweep handled a due clock more than ${SWEEP_LAG_THRESHOLD_SECONDS} s late, or did not run: warnings and expiries are late.`,
      metric: sweepLag,
      threshold: SWEEP_LAG_THRESHOLD_SECONDS,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // The sweep reports its lag every minute, 0 when nothing is due: no data means it is not running.
      treatMissingData: TreatMissingData.BREACHING,
    });

    // The check runs once a day; two days keep one late run from looking like a missing report.
    this.calendarAlarm = new Alarm(this, "CalendarCoverage", {
      alarmName: alarmName("calendar-coverage"),
      alarmDescription:
        "Deadlines set today reach a year whose holiday schedule is not published: they rest on the provisional " +
        "calendar (statutory holidays only). Publish the State Council's notice: npm run publish-calendar (docs/how-to.md).",
      metric: metricOf(businessMetrics.calendarYearsProvisional, {}, Duration.days(1)),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const fiveMinutes = Duration.minutes(5);
    const errorRate = new MathExpression({
      expression: `IF(requests >= ${API_5XX_MIN_REQUESTS}, 100 * FILL(errors, 0) / requests, 0)`,
      usingMetrics: {
        requests: props.api.metricCount({ period: fiveMinutes, statistic: "Sum" }),
        errors: props.api.metricServerError({ period: fiveMinutes, statistic: "Sum" }),
      },
      period: fiveMinutes,
      label: "5xx (% of requests)",
    });
    this.apiErrorRateAlarm = new Alarm(this, "ApiErrorRate", {
      alarmName: alarmName("api-5xx-rate"),
      alarmDescription: `More than ${API_5XX_RATE_THRESHOLD_PERCENT} % of API requests were answered 5xx over 5 minutes (with at least ${API_5XX_MIN_REQUESTS} requests).`,
      metric: errorRate,
      threshold: API_5XX_RATE_THRESHOLD_PERCENT,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of [this.sweepLagAlarm, this.apiErrorRateAlarm, this.calendarAlarm]) {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
    }

    // ——— Dashboard ———

    const minute = Duration.minutes(1);
    const series = (metric: MetricDefinition) =>
      dimensionSets(metric).map((dimensions) =>
        metricOf(metric, dimensions, minute, Object.values(dimensions).join(" ") || metric.name),
      );
    const graph = (title: string, left: Metric[], extra: Partial<GraphWidgetProps> = {}) =>
      new GraphWidget({ title, left, width: 8, height: 6, ...extra });

    const rows: IWidget[][] = [
      [
        new AlarmStatusWidget({
          title: "Alarms",
          alarms: [
            this.apiErrorRateAlarm,
            this.sweepLagAlarm,
            this.calendarAlarm,
            ...deadLetterAlarms.values(),
          ],
          width: 24,
          height: 4,
        }),
      ],
      [
        graph(
          "API requests and 5xx",
          [
            props.api.metricCount({ period: minute, statistic: "Sum", label: "requests" }),
            props.api.metricServerError({ period: minute, statistic: "Sum", label: "5xx" }),
          ],
          { right: [errorRate], rightYAxis: { min: 0, label: "%" } },
        ),
        graph("API latency (ms)", [
          props.api.metricLatency({ period: minute, statistic: "p50", label: "p50" }),
          props.api.metricLatency({ period: minute, statistic: "p99", label: "p99" }),
        ]),
        new AlarmWidget({
          title: "API 5xx rate (alarm)",
          alarm: this.apiErrorRateAlarm,
          width: 8,
          height: 6,
        }),
      ],
      [
        graph("Clock sweep lag (s)", series(businessMetrics.sweepLag), {
          leftAnnotations: [{ value: SWEEP_LAG_THRESHOLD_SECONDS, label: "alarm" }],
          right: series(businessMetrics.clocksSwept),
        }),
        graph("Warnings raised by level", series(businessMetrics.warningsRaised), { stacked: true }),
        graph(
          "Notifications: failures (channel, kind) and deliveries",
          series(businessMetrics.notificationFailures),
          {
            stacked: true,
            right: series(businessMetrics.notificationsDelivered),
          },
        ),
      ],
      [
        graph(
          "Holiday calendar: years reached without a published schedule",
          series(businessMetrics.calendarYearsProvisional),
          {
            leftAnnotations: [{ value: 1, label: "alarm" }],
            period: Duration.days(1),
          },
        ),
      ],
      [
        new TextWidget({
          markdown:
            "**Dead-letter queues** — messages visible in each DLQ (the alarm goes off at the first one). Find the cause in the consumer's logs, then redrive.",
          width: 24,
          height: 1,
        }),
      ],
      [...deadLetterAlarms].map(
        ([dlqId, alarm]) =>
          new AlarmWidget({ title: dlqId, alarm, width: 6, height: 4, leftYAxis: { min: 0 } }),
      ),
    ];
    this.dashboard = new Dashboard(this, "Dashboard", {
      dashboardName: alarmName("operations"),
      defaultInterval: Duration.hours(3),
      widgets: rows,
    });
  }
}

/** A business metric (shared/business-metrics.ts) as CloudWatch keys it: its namespace, name, service and dimensions. */
function metricOf(
  metric: MetricDefinition,
  dimensions: Record<string, string>,
  period: Duration,
  label?: string,
): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: metric.name,
    dimensionsMap: { service: metric.service, ...dimensions },
    statistic: metric.statistic,
    period,
    ...(label ? { label } : {}),
  });
}
