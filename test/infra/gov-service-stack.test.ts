import type { CfnElement } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { environmentFor, model, signingAccessFor, type FunctionModel } from "#infra/manifest.ts";
import { eventStreamFilter } from "#shared/events/envelope.ts";
import { signingKeyEnv, type ServiceName } from "#shared/manifest/naming.ts";
import { DEFAULTS } from "#shared/manifest/types.ts";
import { DEPLOYMENT_HANDLER } from "#infra/aws/constructs/console-hosting.ts";
import { createApp } from "#infra/aws/gov-service-app.ts";
import {
  actionsOf,
  allStatements,
  getAtt,
  KMS_ACTIONS,
  kmsGrantsOf,
  logicalId,
  NO_BUNDLING,
  ref,
  referencesOf,
  render,
  roleStatements,
  resourcesOf,
  stackOf,
  synthesize,
} from "./synth.ts";

// CloudFormation JSON is untyped; the tests walk it as such and assert on the shape.
type Json = any;

// One synth for the whole file. `resources` and `template` are the root's and every nested stack's resources, linked
// (synth.ts): ids are qualified by their stack's path, and cross-stack references point at the producing resource.
const { stack, template, resources, stacks, stackDependencies } = synthesize();

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const props = (id: string): Json => resources[id]!.Properties;
/** A service's own resources: table, stream DLQ, signing keys, schedule DLQs. */
const service = (name: ServiceName) => stack.services.get(name)!.resources;
const fnResource = (fn: FunctionModel) => logicalId(stack.functions.get(fn.id)!.function);
const tableId = (name: ServiceName) => logicalId(service(name).table);
const workQueue = (id: string) => stack.messaging.queues.get(id)!;
const queueId = (id: string) => logicalId(workQueue(id).queue);

const ROOT = stack.node.path;
const MESSAGING = stack.messaging.node.path;
const serviceStack = (name: ServiceName) => stack.services.get(name)!.node.path;
/** Where a function lives: the platform's in the root, a service's in its own stack. */
const homeOf = (fn: FunctionModel) => (fn.owner === "platform" ? ROOT : serviceStack(fn.owner));

/** Statements of the inline policies attached to one function's role. */
function statementsOf(fn: FunctionModel) {
  const role = ref(logicalId(stack.functions.get(fn.id)!.function.role!));
  const policies = Object.fromEntries(
    ofType("AWS::IAM::Policy").filter(([, r]) =>
      (r.Properties.Roles as unknown[]).some((x) => JSON.stringify(x) === JSON.stringify(role)),
    ),
  );
  return allStatements(policies);
}

/** Every queue some mechanism treats as a dead-letter queue: redrive targets, stream OnFailure, function and rule DLQs. */
function deadLetterTargets(): Set<string> {
  const arns = [
    ...ofType("AWS::SQS::Queue").map(([id]) => props(id).RedrivePolicy?.deadLetterTargetArn),
    ...ofType("AWS::Lambda::EventSourceMapping").map(
      ([id]) => props(id).DestinationConfig?.OnFailure?.Destination,
    ),
    ...ofType("AWS::Lambda::Function").map(([id]) => props(id).DeadLetterConfig?.TargetArn),
    ...ofType("AWS::Events::Rule").flatMap(([id]) =>
      (props(id).Targets as { DeadLetterConfig?: { Arn: unknown } }[]).map((t) => t.DeadLetterConfig?.Arn),
    ),
  ];
  return new Set(arns.filter(Boolean).map((arn) => (arn as { "Fn::GetAtt": string[] })["Fn::GetAtt"][0]!));
}

describe("tables", () => {
  it("builds one table per service, each with stream, PITR, TTL and deletion protection, and retained", () => {
    template.resourceCountIs("AWS::DynamoDB::Table", model.tables.length);
    template.allResourcesProperties("AWS::DynamoDB::Table", {
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      BillingMode: "PAY_PER_REQUEST",
      StreamSpecification: { StreamViewType: "NEW_AND_OLD_IMAGES" },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: "ttl", Enabled: true },
    });
    template.allResources("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
    });
  });

  it.each(model.tables.map((t) => [t.service, t] as const))(
    "%s has exactly the manifest's indexes",
    (name, table) => {
      expect(props(tableId(name)).GlobalSecondaryIndexes ?? []).toEqual(
        table.definition.indexes.map((i) => ({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: `${i.name}pk`, KeyType: "HASH" },
            { AttributeName: `${i.name}sk`, KeyType: "RANGE" },
          ],
          // Keys only (or keys and the attributes its queries filter on) where the index just finds items to read from
          // the table: a write that leaves those alone costs it nothing
          Projection:
            typeof i.projection === "object"
              ? { ProjectionType: "INCLUDE", NonKeyAttributes: [...i.projection.include] }
              : { ProjectionType: i.projection === "keysOnly" ? "KEYS_ONLY" : "ALL" },
        })),
      );
    },
  );
});

describe("queues", () => {
  it.each(model.queues.map((q) => [q.id, q] as const))(
    "%s redrives to its DLQ after the manifest's maxReceiveCount",
    (id, q) => {
      const dlq = logicalId(workQueue(id).dlq.queue);
      template.templateMatches({
        Resources: {
          [queueId(id)]: {
            Properties: Match.objectLike({
              RedrivePolicy: { deadLetterTargetArn: getAtt(dlq, "Arn"), maxReceiveCount: q.maxReceiveCount },
              VisibilityTimeout: q.visibilityTimeoutSeconds,
            }),
          },
          [dlq]: { Properties: Match.objectLike({ MessageRetentionPeriod: 14 * 24 * 3600 }) },
        },
      });
    },
  );

  it("has a redrive policy on every queue except the dead-letter queues themselves", () => {
    const dlqs = deadLetterTargets();
    const withoutRedrive = ofType("AWS::SQS::Queue").filter(([, r]) => !r.Properties.RedrivePolicy);
    expect(new Set(withoutRedrive.map(([id]) => id))).toEqual(dlqs);
    expect(ofType("AWS::SQS::Queue").length - dlqs.size).toBe(model.queues.length);
    // A queue's DLQ, a stream DLQ per table, one DLQ per scheduled function.
    expect(dlqs.size).toBe(
      model.queues.length + model.tables.length + new Set(model.schedules.map((s) => s.fn.id)).size,
    );
  });

  it("raises an alarm on the first message in every dead-letter queue", () => {
    for (const dlq of deadLetterTargets()) {
      template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: "AWS/SQS",
        MetricName: "ApproximateNumberOfMessagesVisible",
        Dimensions: [{ Name: "QueueName", Value: getAtt(dlq, "QueueName") }],
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
      });
    }
  });

  it("encrypts every queue and refuses plain-HTTP access to it", () => {
    template.allResourcesProperties("AWS::SQS::Queue", { SqsManagedSseEnabled: true });
    const queues = ofType("AWS::SQS::Queue");
    const tlsOnly = ofType("AWS::SQS::QueuePolicy").flatMap(([id]) =>
      (props(id).PolicyDocument.Statement as Json[])
        .filter((s) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false")
        .map((s) => s.Resource["Fn::GetAtt"][0] as string),
    );
    expect(new Set(tlsOnly)).toEqual(new Set(queues.map(([id]) => id)));
  });
});

describe("event source mappings", () => {
  const mappings = ofType("AWS::Lambda::EventSourceMapping").map(([id]) => props(id));
  const fromStream = mappings.filter((m) => m.EventSourceArn["Fn::GetAtt"][1] === "StreamArn");
  const fromQueue = mappings.filter(
    (m) => resources[m.EventSourceArn["Fn::GetAtt"][0]]?.Type === "AWS::SQS::Queue",
  );

  it("has one stream mapping per table and one queue mapping per queue, and nothing else", () => {
    expect(fromStream).toHaveLength(model.tables.length);
    expect(fromQueue).toHaveLength(model.queues.length);
    expect(mappings).toHaveLength(fromStream.length + fromQueue.length);
  });

  it("reports partial batch failures from every SQS consumer", () => {
    for (const m of fromQueue) expect(m.FunctionResponseTypes).toEqual(["ReportBatchItemFailures"]);
  });

  it.each(model.queues.map((q) => [q.id, q] as const))(
    "%s feeds its consumer as the manifest says",
    (id, q) => {
      template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
        EventSourceArn: getAtt(queueId(id), "Arn"),
        FunctionName: ref(fnResource(q.consumer)),
        BatchSize: q.batchSize,
        MaximumBatchingWindowInSeconds:
          q.maxBatchingWindowSeconds > 0 ? q.maxBatchingWindowSeconds : Match.absent(),
        FunctionResponseTypes: ["ReportBatchItemFailures"],
      });
    },
  );

  it.each(model.tables.map((t) => [t.service, t] as const))(
    "%s: the stream reaches the publisher filtered to event inserts, with retries, bisection and a DLQ",
    (name, table) => {
      template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
        EventSourceArn: getAtt(tableId(name), "StreamArn"),
        FunctionName: ref(fnResource(table.publisher)),
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify(eventStreamFilter) }] },
        DestinationConfig: {
          OnFailure: { Destination: getAtt(logicalId(service(name).streamDlq.queue), "Arn") },
        },
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        StartingPosition: "TRIM_HORIZON",
        BatchSize: DEFAULTS.streamBatchSize,
        MaximumRetryAttempts: DEFAULTS.streamRetryAttempts,
        BisectBatchOnFunctionError: true,
      });
    },
  );
});

describe("HTTP API", () => {
  const routes = ofType("AWS::ApiGatewayV2::Route").map(([id]) => props(id));
  const authorizers = ofType("AWS::ApiGatewayV2::Authorizer");
  const targetFunction = (route: Json) => {
    const integration = (route.Target["Fn::Join"][1] as { Ref: string }[])[1]!.Ref;
    return props(integration).IntegrationUri["Fn::GetAtt"][0] as string;
  };

  it("has one route per manifest route plus $default", () => {
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(
      [...model.routes.map((r) => r.route.key), "$default"].sort(),
    );
  });

  it("verifies Cognito ID tokens of the SPA's, the console's and the portal's clients with one JWT authorizer", () => {
    template.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 1);
    template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: {
        Audience: [
          ref(logicalId(stack.users!.client)),
          ref(logicalId(stack.console.client!)),
          ref(logicalId(stack.console.portalClient!)),
        ],
      },
    });
    const [id] = authorizers[0]!;
    expect(render(props(id).JwtConfiguration.Issuer)).toBe(
      `https://cognito-idp.\${AWS::Region}.\${AWS::URLSuffix}/\${${logicalId(stack.users!.pool)}}`,
    );
  });

  it.each(model.routes.map((r) => [r.route.key, r] as const))(
    "%s: authorization and function as the manifest says",
    (key, { route, fn }) => {
      template.hasResourceProperties(
        "AWS::ApiGatewayV2::Route",
        route.auth === "public"
          ? { RouteKey: key, AuthorizationType: "NONE", AuthorizerId: Match.absent() }
          : { RouteKey: key, AuthorizationType: "JWT", AuthorizerId: ref(authorizers[0]![0]) },
      );
      expect(targetFunction(routes.find((r) => r.RouteKey === key))).toBe(fnResource(fn));
    },
  );

  it("sends unknown routes ($default) to the public problem+json fallback", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Route", {
      RouteKey: "$default",
      AuthorizationType: "NONE",
      AuthorizerId: Match.absent(),
    });
    expect(targetFunction(routes.find((r) => r.RouteKey === "$default"))).toBe(fnResource(model.fallback.fn));
  });

  it("logs every request as JSON and throttles the default stage", () => {
    template.resourceCountIs("AWS::ApiGatewayV2::Stage", 1);
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: getAtt(logicalId(stack.http.accessLogs), "Arn"),
        Format: Match.serializedJson(Match.objectLike({ requestId: "$context.requestId" })),
      },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });
});

describe("CORS", () => {
  it("allows no browser origin by default, and exactly the configured ones when given", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Api", { CorsConfiguration: Match.absent() });
    const configured = Template.fromStack(
      createApp({
        nag: false,
        context: { ...NO_BUNDLING, corsAllowOrigins: "https://a.example, https://b.example" },
      }).stack,
    );
    configured.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ["https://a.example", "https://b.example"],
        AllowHeaders: Match.arrayWith(["authorization", "idempotency-key"]),
      }),
    });
  });
});

describe("user pool", () => {
  it("carries role, scope and verified identity as custom attributes that only administrators can write", () => {
    // Identity (issue 15): written by the real-name verification backend only, read by the client
    const scope = ["role", "centerId", "departmentId", "verifiedIdNumber", "verifiedName", "organisations"];
    template.hasResourceProperties("AWS::Cognito::UserPool", {
      Schema: Match.arrayWith(
        scope.map((name) => Match.objectLike({ Name: name, AttributeDataType: "String", Mutable: true })),
      ),
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: "ON",
    });
    template.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      GenerateSecret: false,
      AllowedOAuthFlows: Match.absent(),
      // CDK sorts the attribute list, and arrayWith matches a subsequence in order.
      ReadAttributes: Match.arrayWith(scope.map((name) => `custom:${name}`).sort()),
      WriteAttributes: Match.not(Match.arrayWith([Match.stringLikeRegexp("^custom:")])),
    });
  });
});

describe("functions", () => {
  const functions = ofType("AWS::Lambda::Function");
  /** CDK's BucketDeployment handler (Python, its runtime CDK's choice), which copies the console's files at deploy. */
  const deploymentHandler = logicalId(stack.node.findChild(DEPLOYMENT_HANDLER));

  it("builds exactly one Lambda function per FunctionModel", () => {
    expect(stack.functions.size).toBe(model.functions.length);
    const ours = new Set(model.functions.map(fnResource));
    // CDK adds singleton functions for log retention or custom resources; log groups are explicit here, and the one
    // custom resource is the console's BucketDeployment (console-hosting.test.ts). A new one must be accounted for
    // here, by name.
    const cdkInternal = [deploymentHandler];
    expect(functions.map(([id]) => id).filter((id) => !ours.has(id))).toEqual(cdkInternal);
    template.resourceCountIs("AWS::Lambda::Function", model.functions.length + cdkInternal.length);
  });

  it("runs every function on arm64 and Node.js 24 with active tracing and a retained, expiring log group", () => {
    for (const [id, fn] of functions.filter(([id]) => id !== deploymentHandler)) {
      expect(fn.Properties, id).toMatchObject({
        Architectures: ["arm64"],
        Runtime: "nodejs24.x",
        TracingConfig: { Mode: "Active" },
      });
    }
    // Including CDK's deploy-time copier of the console's files.
    for (const [id] of functions) {
      const logGroup = resources[props(id).LoggingConfig.LogGroup.Ref]!;
      expect(logGroup.Properties.RetentionInDays).toBe(365);
      expect(logGroup.DeletionPolicy).toBe("Retain");
    }
  });

  it.each(model.functions.map((f) => [f.id, f] as const))(
    "%s: memory, timeout and environment from the manifest",
    (_, fn) => {
      const resource = props(fnResource(fn));
      expect(resource.MemorySize).toBe(fn.settings.memoryMb);
      expect(resource.Timeout).toBe(fn.settings.timeoutSeconds);
      const issuer = `https://cognito-idp.\${AWS::Region}.\${AWS::URLSuffix}/\${${logicalId(stack.users!.pool)}}`;
      const expected = environmentFor(fn, {
        tableName: (s) => `\${${tableId(s)}}`,
        queueUrl: (id) => `\${${queueId(id)}}`,
        auth: {
          JWT_ISSUER: issuer,
          JWT_AUDIENCE: [stack.users!.client, stack.console.client!, stack.console.portalClient!]
            .map((c) => `\${${logicalId(c)}}`)
            .join(","),
          JWKS_URL: `${issuer}/.well-known/jwks.json`,
        },
        signingKey: (s, name) => ({
          [signingKeyEnv(s, name).kmsKeyId]: `\${${logicalId(service(s).signingKeys.get(name)!)}.Arn}`,
        }),
        bucketName: (s, name) => `\${${logicalId(service(s).buckets.get(name)!)}}`,
        messaging: { MESSAGE_PROVIDER: "aws", EMAIL_FROM: "no-reply@govservice.example" },
        common: model.signingKeys.some((k) => k.service === fn.owner)
          ? { SEAL_ALGORITHM: "ECDSA_SHA_256" }
          : {},
        integration: (name) => ({
          HOTLINE_WEBHOOK_SECRET_ARN: `\${${logicalId(service(fn.owner as ServiceName).integrationSecrets.get(name)!)}}`,
          HOTLINE_CALLBACK_URL: "https://hotline.invalid/callbacks",
        }),
      });
      // The Parameters and Secrets extension adds its own settings (cache, port, timeouts) to the functions using it.
      const EXTENSION = /^(PARAMETERS_SECRETS_EXTENSION_|SECRETS_MANAGER_|SSM_PARAMETER_STORE_)/;
      const variables = Object.fromEntries(
        Object.entries(render(resource.Environment.Variables) as Record<string, unknown>).filter(
          ([k]) => !EXTENSION.test(k),
        ),
      );
      // …and no NODE_OPTIONS: source maps are not parsed at cold start (service-function.ts)
      expect(variables).toEqual(expected);
    },
  );

  it("resolves the queue URLs inside a publisher's JSON map with Fn::Join", () => {
    const publishers = model.tables.filter((t) => Object.keys(t.subscriptions).length > 0);
    expect(publishers.length).toBeGreaterThan(0);
    for (const table of publishers) {
      const urls = props(fnResource(table.publisher)).Environment.Variables.QUEUE_URLS;
      expect(urls).toHaveProperty("Fn::Join");
      const ids = [...new Set(Object.values(table.subscriptions).flat())];
      expect(JSON.parse(render(urls) as string)).toEqual(
        Object.fromEntries(ids.map((id) => [id, `\${${queueId(id)}}`])),
      );
    }
  });
});

describe("IAM", () => {
  const statements = allStatements(resources);
  const TABLE_READ = ["dynamodb:GetItem", "dynamodb:Query"];
  const TABLE_WRITE = [
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
  ];

  it("never grants a wildcard action", () => {
    const wildcards = statements
      .filter((s) => s.Effect === "Allow")
      .flatMap((s) =>
        actionsOf(s)
          .filter((a) => a === "*" || a.endsWith(":*"))
          .map((a) => `${s.policy}: ${a}`),
      );
    expect(wildcards).toEqual([]);
  });

  it("uses a `*` resource only for actions that have no resource-level permissions", () => {
    // The same list the AwsSolutions-IAM5[Resource::*] acknowledgement in service-function.ts names.
    const allowed = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "dynamodb:ListStreams"];
    const onStar = statements
      .filter((s) => s.Effect === "Allow" && resourcesOf(s).includes("*"))
      .flatMap((s) => actionsOf(s).map((action) => ({ action, policy: s.policy })));
    // SMS to a phone number names no ARN: only the sending functions may, and each is denied every topic. Delivery's
    // event consumer makes each message's first attempt, its sending queue the retries (issue 21).
    const senders = model.functions.filter((f) => f.settings.sends.includes("sms"));
    expect(senders.map((f) => f.id).sort()).toEqual(["delivery-on-event", "delivery-send-notification"]);
    const senderPolicies = new Set(
      senders.flatMap((f) =>
        roleStatements(resources, logicalId(stack.functions.get(f.id)!.function.role!))
          .filter((s) => actionsOf(s).includes("sns:Publish"))
          .map((s) => s.policy),
      ),
    );
    expect(senderPolicies.size).toBe(senders.length);
    const unexpected = onStar.filter(
      ({ action, policy }) =>
        !allowed.includes(action) && !(action === "sns:Publish" && senderPolicies.has(policy)),
    );
    expect(unexpected).toEqual([]);
    const denied = statements.filter((s) => s.Effect === "Deny" && actionsOf(s).includes("sns:Publish"));
    expect(denied.map((s) => s.policy)).toEqual([...senderPolicies]);
    expect(render(denied[0]!.Resource)).toEqual("arn:${AWS::Partition}:sns:*:*:*");
  });

  it("lets only the functions that verify or call the hotline read its secret, through the extension layer", () => {
    const readers = model.functions.filter((fn) =>
      statementsOf(fn).some((s) => actionsOf(s).includes("secretsmanager:GetSecretValue")),
    );
    expect(readers.map((f) => f.id).sort()).toEqual([
      "complaints-receive-hotline-follow-up",
      "complaints-receive-rating-verification",
      "complaints-receive-work-order",
      "complaints-send-hotline-callback",
    ]);
    for (const fn of model.functions) {
      const layers = (props(fnResource(fn)).Layers ?? []) as unknown[];
      expect(JSON.stringify(layers).includes("Paramsandsecretslayer")).toBe(readers.includes(fn));
    }
    const secret = service("complaints").integrationSecrets.get("hotline")!;
    for (const fn of readers) {
      const resources = statementsOf(fn)
        .filter((s) => actionsOf(s).includes("secretsmanager:GetSecretValue"))
        .flatMap(resourcesOf)
        .map((r) => render(r));
      expect(resources).toEqual([`\${${logicalId(secret)}}`]);
    }
  });

  it("attaches no AWS-managed policy to any role", () => {
    for (const [, role] of ofType("AWS::IAM::Role"))
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it.each(model.functions.map((f) => [f.id, f] as const))(
    "%s reaches only its own table, as tableAccess says",
    (_, fn) => {
      const dynamo = statementsOf(fn).filter((s) => actionsOf(s).some((a) => a.startsWith("dynamodb:")));
      const actions = dynamo.flatMap(actionsOf);
      const tables = new Set(
        dynamo
          .flatMap(resourcesOf)
          .filter((r) => r !== "*")
          .map((r) => /\$\{([^.}]+)\./.exec(render(r) as string)![1]!),
      );
      const own = fn.owner === "platform" ? [] : [tableId(fn.owner)];
      expect([...tables].filter((t) => !own.includes(t))).toEqual([]);
      const has = (list: string[]) => list.some((a) => actions.includes(a));
      expect(has(TABLE_READ)).toBe(fn.tableAccess !== "none");
      expect(has(TABLE_WRITE)).toBe(fn.tableAccess === "readWrite");
    },
  );

  it.each(model.functions.map((f) => [f.id, f] as const))(
    "%s sends only to the queues the model gives it",
    (_, fn) => {
      const sendsTo = new Set(
        statementsOf(fn)
          .filter((s) => actionsOf(s).includes("sqs:SendMessage"))
          .flatMap(resourcesOf)
          .map((r) => (r as { "Fn::GetAtt": string[] })["Fn::GetAtt"][0]),
      );
      const table = model.tables.find((t) => t.publisher.id === fn.id);
      const ownerService = fn.owner === "platform" ? undefined : service(fn.owner);
      const expected = table
        ? [
            ...new Set(Object.values(table.subscriptions).flat().map(queueId)),
            logicalId(ownerService!.streamDlq.queue),
          ]
        : [ownerService?.asyncDlqFor(fn)].filter((q) => q !== undefined).map(logicalId);
      expect(sendsTo).toEqual(new Set(expected));
    },
  );
});

describe("signing keys", () => {
  it.each(model.functions.map((f) => [f.id, f] as const))(
    "%s may use its own service's signing keys only as signingAccessFor says",
    (_, fn) => {
      const keys = fn.owner === "platform" ? [] : [...service(fn.owner).signingKeys.values()].map(logicalId);
      const access = keys.length ? signingAccessFor(fn) : "none";
      expect(kmsGrantsOf(resources, logicalId(stack.functions.get(fn.id)!.function.role!))).toEqual({
        actions: [...KMS_ACTIONS[access]],
        keys: access === "none" ? [] : keys.sort(),
      });
    },
  );
});

describe("schedules", () => {
  it("has one rule per schedule", () => {
    template.resourceCountIs("AWS::Events::Rule", model.schedules.length);
  });

  it.each(model.schedules.map((s) => [s.id, s] as const))(
    "%s invokes its function with retries and a DLQ, which also takes the function's failed async runs",
    (_, s) => {
      const expression =
        "rate" in s.definition.schedule
          ? `rate(${s.definition.schedule.rate})`
          : `cron(${s.definition.schedule.cron})`;
      const dlq = logicalId(service(s.service).asyncDlqFor(s.fn)!);
      template.hasResourceProperties("AWS::Events::Rule", {
        Description: s.definition.description,
        ScheduleExpression: expression,
        Targets: [
          Match.objectLike({
            Arn: getAtt(fnResource(s.fn), "Arn"),
            DeadLetterConfig: { Arn: getAtt(dlq, "Arn") },
            RetryPolicy: {
              MaximumRetryAttempts: Match.anyValue(),
              MaximumEventAgeInSeconds: Match.anyValue(),
            },
          }),
        ],
      });
      expect(props(fnResource(s.fn)).DeadLetterConfig).toEqual({ TargetArn: getAtt(dlq, "Arn") });
    },
  );
});

describe("stack layout", () => {
  const routeResource = (key: string) =>
    ofType("AWS::ApiGatewayV2::Route").find(([, r]) => r.Properties.RouteKey === key)!;
  const integrationOf = (route: Json) => (route.Target["Fn::Join"][1] as { Ref: string }[])[1]!.Ref;

  it("nests Messaging and one stack per service in the root, and nothing else", () => {
    expect(stacks.map((s) => s.path).sort()).toEqual(
      [ROOT, MESSAGING, ...model.tables.map((t) => serviceStack(t.service))].sort(),
    );
  });

  it("keeps the platform in the root: user pool, API, stage, the one authorizer, the console's hosting, platform functions and $default", () => {
    const platformTypes = [
      "AWS::Cognito::UserPool",
      "AWS::Cognito::UserPoolClient",
      "AWS::Cognito::UserPoolDomain",
      "AWS::ApiGatewayV2::Api",
      "AWS::ApiGatewayV2::Stage",
      "AWS::ApiGatewayV2::Authorizer",
      "AWS::CloudFront::Distribution",
    ];
    for (const type of platformTypes) {
      const stacks = ofType(type).map(([id]) => stackOf(id));
      expect(stacks.length, type).toBeGreaterThan(0);
      expect(new Set(stacks), type).toEqual(new Set([ROOT]));
    }
    expect(stackOf(logicalId(stack.http.accessLogs))).toBe(ROOT);
    expect(stackOf(routeResource("$default")[0])).toBe(ROOT);
    for (const fn of model.functions.filter((f) => f.owner === "platform")) {
      expect(stackOf(fnResource(fn)), fn.id).toBe(ROOT);
    }
  });

  it("puts every queue of the model, its DLQ and the DLQ's alarm in Messaging, and nothing but those", () => {
    for (const q of model.queues) {
      const { queue, dlq } = workQueue(q.id);
      expect(
        [queue, dlq.queue, dlq.alarm].map((c) => stackOf(logicalId(c))),
        q.id,
      ).toEqual([MESSAGING, MESSAGING, MESSAGING]);
    }
    const inMessaging = Object.entries(resources).filter(([id]) => stackOf(id) === MESSAGING);
    expect(new Set(inMessaging.map(([, r]) => r.Type))).toEqual(
      new Set(["AWS::SQS::Queue", "AWS::SQS::QueuePolicy", "AWS::CloudWatch::Alarm"]),
    );
    expect(inMessaging.filter(([, r]) => r.Type === "AWS::SQS::Queue")).toHaveLength(2 * model.queues.length);
  });

  it.each(model.tables.map((t) => [t.service, t] as const))(
    "%s's stack holds its table, stream DLQ, signing keys, buckets, schedule DLQs and exactly its functions",
    (name) => {
      const own = service(name);
      const home = serviceStack(name);
      const constructs = [
        own.table,
        own.streamDlq.queue,
        own.streamDlq.alarm,
        ...own.signingKeys.values(),
        ...own.buckets.values(),
        ...model.schedules.filter((s) => s.service === name).map((s) => own.asyncDlqFor(s.fn)!),
      ];
      for (const c of constructs) expect(stackOf(logicalId(c)), c.node.path).toBe(home);
      const functionsHere = ofType("AWS::Lambda::Function").filter(([id]) => stackOf(id) === home);
      expect(functionsHere.map(([id]) => id).sort()).toEqual(
        model.functions
          .filter((f) => f.owner === name)
          .map(fnResource)
          .sort(),
      );
    },
  );

  it("builds each function's role, policy and log group, and everything that invokes it, beside the function", () => {
    for (const fn of model.functions) {
      const built = stack.functions.get(fn.id)!;
      const ids = [built.function, built.function.role!, built.logGroup].map(logicalId);
      expect(ids.map(stackOf), fn.id).toEqual([homeOf(fn), homeOf(fn), homeOf(fn)]);
      expect(
        ofType("AWS::IAM::Policy")
          .filter(([, r]) => referencesOf(r).includes(ids[1]!))
          .map(([id]) => stackOf(id)),
      ).toEqual([homeOf(fn)]);
    }
    // Event source mappings, invoke permissions, integrations and schedule rules name the function they invoke.
    const invokers = [
      "AWS::Lambda::EventSourceMapping",
      "AWS::Lambda::Permission",
      "AWS::ApiGatewayV2::Integration",
      "AWS::Events::Rule",
    ].flatMap(ofType);
    expect(invokers.length).toBeGreaterThan(0);
    for (const [id, resource] of invokers) {
      const invoked = referencesOf(resource).filter((r) => resources[r]?.Type === "AWS::Lambda::Function");
      expect(invoked.map(stackOf), id).toEqual([stackOf(id)]);
    }
  });

  it.each(model.routes.map((r) => [r.route.key, r] as const))(
    "%s is routed from its function's stack",
    (key, { fn }) => {
      const [id, route] = routeResource(key);
      expect(stackOf(id)).toBe(homeOf(fn));
      expect(stackOf(integrationOf(route.Properties))).toBe(homeOf(fn));
    },
  );
});

describe("CloudFormation limits", () => {
  /** A fifth under CloudFormation's own limits, so growth shows up here first (test/infra runs the real model). */
  const LIMITS = { resources: 400, parameters: 160, outputs: 160, templateBytes: 800_000 };

  it.each(stacks.map((s) => [s.path, s] as const))(
    "%s stays well under every per-template limit",
    (_, { template: t }) => {
      const counts = Object.values(t.Resources).reduce<Record<string, number>>(
        (acc, r) => ({ ...acc, [r.Type]: (acc[r.Type] ?? 0) + 1 }),
        {},
      );
      expect(Object.keys(t.Resources).length, JSON.stringify(counts)).toBeLessThan(LIMITS.resources);
      expect(Object.keys(t.Parameters ?? {}).length).toBeLessThan(LIMITS.parameters);
      expect(Object.keys(t.Outputs ?? {}).length).toBeLessThan(LIMITS.outputs);
      expect(JSON.stringify(t).length).toBeLessThan(LIMITS.templateBytes);
    },
  );
});

describe("stack dependencies", () => {
  const graph = stackDependencies();

  it("lets service stacks refer only to the root and Messaging, and Messaging and the root to no nested stack", () => {
    for (const { service: name } of model.tables) {
      const allowed = new Set([ROOT, MESSAGING]);
      expect(
        [...graph.get(serviceStack(name))!].filter((d) => !allowed.has(d)),
        name,
      ).toEqual([]);
    }
    expect(graph.get(MESSAGING)).toEqual(new Set());
    expect(graph.get(ROOT)).toEqual(new Set());
    // The check can see a reference between stacks at all: a publisher sends to queues in Messaging.
    expect(
      graph.get(serviceStack(model.tables.find((t) => Object.keys(t.subscriptions).length)!.service)),
    ).toContain(MESSAGING);
  });

  it("is acyclic", () => {
    // Kahn's algorithm: repeatedly take the stacks whose dependencies are all placed; a cycle leaves some unplaced.
    const placed: string[] = [];
    let ready = [...graph.keys()].filter((s) => graph.get(s)!.size === 0);
    while (ready.length) {
      placed.push(...ready);
      ready = [...graph.keys()].filter(
        (s) => !placed.includes(s) && [...graph.get(s)!].every((d) => placed.includes(d)),
      );
    }
    expect(placed.sort()).toEqual([...graph.keys()].sort());
  });

  it("orders the nested stacks in the root template after Messaging only, never after another service", () => {
    // What CloudFormation itself goes by: the nested stack resources' DependsOn and the outputs they pass on.
    const root = stacks.find((s) => s.path === ROOT)!.template;
    const nested = stacks.filter((s) => s.stack.nestedStackParent);
    const pathOf = new Map(
      nested.map((s) => [
        s.stack.nestedStackParent!.getLogicalId(s.stack.nestedStackResource as CfnElement),
        s.path,
      ]),
    );
    for (const [id, path] of pathOf) {
      // Unlinked: the root's own logical ids, as in its template.
      const after = referencesOf(root.Resources[id]!).flatMap((x) => pathOf.get(x) ?? []);
      const allowed = path === MESSAGING ? [] : [MESSAGING];
      expect(
        after.filter((p) => !allowed.includes(p)),
        path,
      ).toEqual([]);
    }
  });

  it("shares nothing through CloudFormation exports, which would tie stacks together outside the root", () => {
    for (const { path, template: t } of stacks) {
      expect(JSON.stringify(t), path).not.toContain("Fn::ImportValue");
      expect(
        Object.values(t.Outputs ?? {}).filter((o) => o.Export),
        path,
      ).toEqual([]);
    }
  });
});
