import { describe, expect, it } from "vitest";
import { model } from "#infra/manifest.ts";
import { createApp } from "#infra/aws/gov-service-app.ts";
import {
  API_5XX_MIN_REQUESTS,
  API_5XX_RATE_THRESHOLD_PERCENT,
  SWEEP_LAG_THRESHOLD_SECONDS,
} from "#infra/aws/constructs/operations.ts";
import { businessMetrics, dimensionSets, METRICS_NAMESPACE } from "#shared/business-metrics.ts";
import { logicalId, NO_BUNDLING, stackOf, synthesize } from "./synth.ts";

// CloudFormation JSON is untyped; the tests walk it as such and assert on the shape.
type Json = any;

// One synth for the whole file; `resources` are every stack's, linked (synth.ts).
const { stack, resources, stackDependencies } = synthesize();

const ROOT = stack.node.path;
const PREFIX = stack.stackName;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const props = (id: string): Json => resources[id]!.Properties;

/** A template value as text: references become `${Id}` / `${Id.Attr}`, joins are joined. */
function text(value: unknown): string {
  if (typeof value === "string") return value;
  const v = value as Json;
  if (v?.Ref) return `\${${v.Ref}}`;
  if (v?.["Fn::GetAtt"]) return `\${${(v["Fn::GetAtt"] as string[]).join(".")}}`;
  if (v?.["Fn::Join"]) return (v["Fn::Join"][1] as unknown[]).map(text).join(v["Fn::Join"][0]);
  return JSON.stringify(value);
}

/** Every DLQ of the model, by the id operators know it by: each queue's, each table stream's, each scheduled function's. */
const dlqIds = [
  ...model.queues.map((q) => q.dlqId),
  ...model.tables.map((t) => t.streamDlqId),
  ...new Set(model.schedules.map((s) => `${s.fn.id}-dlq`)),
];

const alarms = ofType("AWS::CloudWatch::Alarm");
const dlqAlarms = alarms.filter(([id]) => props(id).MetricName === "ApproximateNumberOfMessagesVisible");
const alarmNamed = (name: string) => alarms.find(([id]) => props(id).AlarmName === name)?.[0];

const topicId = logicalId(stack.operations.topic);
const dashboards = ofType("AWS::CloudWatch::Dashboard");
const body = dashboards.length === 1 ? text(props(dashboards[0]![0]).DashboardBody) : "";

describe("the operations dashboard", () => {
  it("is one dashboard, in the root stack", () => {
    expect(dashboards).toHaveLength(1);
    expect(stackOf(dashboards[0]![0])).toBe(ROOT);
  });

  it("shows the API's requests, 5xx and 5xx rate, and its latency at p50 and p99", () => {
    const api = `"AWS/ApiGateway","5xx","ApiId","\${${logicalId(stack.http.api)}}"`;
    expect(body).toContain(api);
    expect(body).toContain(`"AWS/ApiGateway","Count","ApiId"`);
    expect(body).toMatch(/"AWS\/ApiGateway","Latency","ApiId","[^"]+",\{[^}]*"stat":"p50"/);
    expect(body).toMatch(/"AWS\/ApiGateway","Latency","ApiId","[^"]+",\{[^}]*"stat":"p99"/);
    expect(body).toContain("IF(requests >= ");
  });

  it.each(dlqIds)("shows DLQ %s (its depth, through its alarm)", (dlqId) => {
    expect(body).toContain(`:alarm:${PREFIX}-${dlqId}"`);
  });

  it("shows the sweep's lag and clocks, warnings by level and notification failures by channel and kind", () => {
    // A dashboard metric is `[namespace, name, dimension, value, …]`, the dimensions in name order.
    const series = (metric: (typeof businessMetrics)[keyof typeof businessMetrics]) =>
      dimensionSets(metric).map((dimensions) =>
        [
          `"${METRICS_NAMESPACE}","${metric.name}"`,
          ...Object.entries({ ...dimensions, service: metric.service })
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => `"${k}","${v as string}"`),
        ].join(","),
      );
    for (const metric of Object.values(businessMetrics)) {
      for (const s of series(metric)) expect(body, metric.name).toContain(s);
    }
    expect(body).toContain(`"${METRICS_NAMESPACE}","SweepLagSeconds","service","monitoring"`);
    for (const level of ["reminder", "yellow", "red"]) {
      expect(body).toContain(`"WarningsRaised","level","${level}","service","monitoring"`);
    }
    expect(body).toContain(`"NotificationFailures","channel","sms","kind","temporary","service","delivery"`);
  });
});

describe("the alarms", () => {
  it("watch every DLQ of the model, once each, named after it", () => {
    expect(dlqAlarms).toHaveLength(dlqIds.length);
    expect(dlqAlarms.map(([id]) => props(id).AlarmName).sort()).toEqual(
      dlqIds.map((d) => `${PREFIX}-${d}`).sort(),
    );
    for (const [id] of dlqAlarms) {
      expect(props(id)).toMatchObject({
        Namespace: "AWS/SQS",
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        EvaluationPeriods: 1,
      });
    }
  });

  it("watch the clock sweep's lag: more than 300 s, or no report at all", () => {
    const id = alarmNamed(`${PREFIX}-sweep-lag`)!;
    expect(props(id)).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: "SweepLagSeconds",
      Dimensions: [{ Name: "service", Value: "monitoring" }],
      Statistic: "Maximum",
      Period: 300,
      Threshold: 300,
      ComparisonOperator: "GreaterThanThreshold",
      TreatMissingData: "breaching",
    });
    expect(SWEEP_LAG_THRESHOLD_SECONDS).toBe(300);
  });

  it("watch the holiday calendar: a year deadlines reach without a published schedule, on the daily report", () => {
    const id = alarmNamed(`${PREFIX}-calendar-coverage`)!;
    expect(props(id)).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: "CalendarYearsProvisional",
      Dimensions: [{ Name: "service", Value: "catalog" }],
      Statistic: "Maximum",
      Period: 86_400,
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      EvaluationPeriods: 2,
      DatapointsToAlarm: 1,
    });
    expect(props(id).AlarmActions).toEqual(props(alarmNamed(`${PREFIX}-sweep-lag`)!).AlarmActions);
  });

  it("watch the API's 5xx rate: over 1 % of at least 20 requests in 5 minutes (metric math)", () => {
    const id = alarmNamed(`${PREFIX}-api-5xx-rate`)!;
    const metrics = props(id).Metrics as Json[];
    const stat = (name: string) => metrics.find((m) => m.MetricStat?.Metric.MetricName === name)?.MetricStat;
    expect(stat("5xx")).toMatchObject({ Stat: "Sum", Period: 300 });
    expect(stat("Count")).toMatchObject({ Stat: "Sum", Period: 300 });
    expect(stat("5xx").Metric.Dimensions).toEqual([
      { Name: "ApiId", Value: { Ref: logicalId(stack.http.api) } },
    ]);
    const expression = metrics.find((m) => m.Expression);
    expect(expression).toMatchObject({ ReturnData: true });
    const [errors, requests] = [stat("5xx"), stat("Count")].map(
      (s) => metrics.find((m) => m.MetricStat === s).Id,
    );
    expect(expression.Expression).toBe(
      `IF(${requests} >= ${API_5XX_MIN_REQUESTS}, 100 * FILL(${errors}, 0) / ${requests}, 0)`,
    );
    expect(props(id)).toMatchObject({
      Threshold: API_5XX_RATE_THRESHOLD_PERCENT,
      ComparisonOperator: "GreaterThanThreshold",
      EvaluationPeriods: 1,
    });
    expect(API_5XX_RATE_THRESHOLD_PERCENT).toBe(1);
  });

  it("all notify the one alarm topic, when they go off and when they recover", () => {
    const topicArn = `arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:${PREFIX}-alarms`;
    expect(props(topicId).TopicName).toBe(`${PREFIX}-alarms`);
    expect(alarms.length).toBe(dlqIds.length + 3); // every DLQ, the sweep lag, the API 5xx rate, the calendar
    for (const [id] of alarms) {
      for (const actions of [props(id).AlarmActions, props(id).OKActions]) {
        // The root's alarms refer to the topic; those in nested stacks name its ARN (no reference between stacks).
        expect(actions, props(id).AlarmName).toHaveLength(1);
        expect([`\${${topicId}}`, topicArn], props(id).AlarmName).toContain(text(actions[0]));
      }
    }
  });
});

describe("the alarm topic", () => {
  it("is encrypted with its own rotating key, which CloudWatch may use for our alarms only", () => {
    const key = logicalId(stack.operations.topic.masterKey!);
    expect(props(topicId).KmsMasterKeyId).toEqual({ "Fn::GetAtt": [key, "Arn"] });
    expect(props(key).EnableKeyRotation).toBe(true);
    const cloudWatch = (props(key).KeyPolicy.Statement as Json[]).find(
      (s) => s.Principal?.Service === "cloudwatch.amazonaws.com",
    );
    expect(cloudWatch.Action).toEqual(["kms:Decrypt", "kms:GenerateDataKey*"]);
    expect(text(cloudWatch.Condition.ArnLike["aws:SourceArn"])).toMatch(new RegExp(`:alarm:${PREFIX}-\\*$`));
  });

  it("lets CloudWatch publish our alarms to it", () => {
    const [policy] = ofType("AWS::SNS::TopicPolicy").filter(([, r]) =>
      (r.Properties.Topics as Json[]).some((t) => t.Ref === topicId),
    )[0]!;
    const statements = props(policy).PolicyDocument.Statement as Json[];
    expect(statements).toEqual([
      expect.objectContaining({
        Effect: "Allow",
        Action: "sns:Publish",
        Principal: { Service: "cloudwatch.amazonaws.com" },
      }),
    ]);
    expect(text(statements[0].Condition.ArnLike["aws:SourceArn"])).toMatch(
      new RegExp(`:alarm:${PREFIX}-\\*$`),
    );
  });

  it("has no subscription unless `alarmEmail` is given, and then one, which cdk-nag accepts", () => {
    expect(ofType("AWS::SNS::Subscription")).toEqual([]);
    // With cdk-nag on, as `npm run synth` runs it: an unacknowledged finding makes synth throw.
    const { app, stack: withEmail } = createApp({
      context: { ...NO_BUNDLING, alarmEmail: "ops@zwfw.example.gov.cn" },
    });
    const assembly = app.synth();
    const root = assembly.getStackByName(withEmail.stackName).template as Json;
    const subscriptions = Object.values(root.Resources as Json).filter(
      (r: Json) => r.Type === "AWS::SNS::Subscription",
    );
    expect(subscriptions).toEqual([
      expect.objectContaining({
        Properties: expect.objectContaining({ Protocol: "email", Endpoint: "ops@zwfw.example.gov.cn" }),
      }),
    ]);
  });
});

describe("stack references", () => {
  it("are not added by the operations view: the root and Messaging still refer to no other stack", () => {
    const graph = stackDependencies();
    expect(graph.get(ROOT)).toEqual(new Set());
    expect(graph.get(stack.messaging.node.path)).toEqual(new Set());
  });
});
