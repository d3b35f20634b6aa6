import { Duration, RemovalPolicy, Stack, Tags, Validations } from "aws-cdk-lib";
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  type CfnTable,
} from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { FilterCriteria, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq, SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { eventStreamFilter } from "#shared/events/envelope.ts";
import type { ServiceName } from "#shared/manifest/naming.ts";
import { DEFAULTS, type ScheduleExpression } from "#shared/manifest/types.ts";
import type { FunctionModel, Model, QueueModel, ScheduleModel, TableModel } from "#infra/manifest.ts";
import { DeadLetterQueue, WorkQueue } from "./queues.ts";
import type { ServiceFunction } from "./service-function.ts";

export interface ServiceConstructProps {
  readonly model: Model;
  readonly table: TableModel;
}

export interface ServiceWiring {
  /** The one function built for a FunctionModel (every function is created once, by the stack). */
  functionFor(fn: FunctionModel): ServiceFunction;
  /** Any service's inbound queue: a publisher sends to the queues of the services that subscribe to it. */
  queueFor(queueId: string): IQueue;
}

/**
 * One service's own resources, as its manifest entry declares them: its table and stream, its inbound queues and
 * DLQs, and its schedules. Built in two steps because a publisher sends to other services' queues and every function's
 * environment names tables and queues: the constructor makes the data resources, `connect` wires the functions.
 */
export class ServiceConstruct extends Construct {
  readonly service: ServiceName;
  readonly table: Table;
  readonly queues: ReadonlyMap<string, WorkQueue>;
  /** Where stream records go once the publisher's retries are exhausted. */
  readonly streamDlq: DeadLetterQueue;
  private readonly schedules: readonly ScheduleModel[];
  private readonly scheduleDlqs = new Map<string, DeadLetterQueue>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ServiceConstructProps,
  ) {
    super(scope, id);
    const { model, table } = props;
    this.service = table.service;
    Tags.of(this).add("service", this.service);

    // Table, not TableV2: one AWS::DynamoDB::Table per service is exactly what infra/local creates with CreateTable,
    // no replica region is planned, and cdk-nag's DynamoDB rules (DDB3: PITR) inspect AWS::DynamoDB::Table only —
    // a GlobalTable would pass them unchecked.
    this.table = new Table(this, "Table", {
      partitionKey: { name: "pk", type: AttributeType.STRING },
      sortKey: { name: "sk", type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      deletionProtection: true,
      timeToLiveAttribute: "ttl",
      // The event items are the audit record (DESIGN.md): a stack deletion must never take them along.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of table.definition.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: `${index.name}pk`, type: AttributeType.STRING },
        sortKey: { name: `${index.name}sk`, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    this.streamDlq = new DeadLetterQueue(this, "StreamDlq", { purpose: `${this.service}'s table stream` });
    this.queues = new Map(
      model.queues.filter((q) => q.service === this.service).map((q) => [q.id, new WorkQueue(this, q.id, q)]),
    );
    this.schedules = model.schedules.filter((s) => s.service === this.service);
    for (const fnId of new Set(this.schedules.map((s) => s.fn.id))) {
      this.scheduleDlqs.set(fnId, new DeadLetterQueue(this, `${fnId}-dlq`, { purpose: `scheduled ${fnId}` }));
    }
  }

  /**
   * The queue for a scheduled function's lost runs: events EventBridge could not deliver and invocations that still
   * failed after Lambda's asynchronous retries.
   */
  asyncDlqFor(fn: FunctionModel): IQueue | undefined {
    return this.scheduleDlqs.get(fn.id)?.queue;
  }

  connect(wiring: ServiceWiring): void {
    const { model, table } = this.props;
    for (const fn of model.functions.filter((f) => f.owner === this.service)) {
      this.grantTableAccess(fn, wiring.functionFor(fn));
    }
    this.connectPublisher(table, wiring);
    for (const q of model.queues.filter((q) => q.service === this.service)) this.connectConsumer(q, wiring);
    for (const s of this.schedules) this.connectSchedule(s, wiring);
  }

  private grantTableAccess(fn: FunctionModel, target: ServiceFunction): void {
    if (fn.tableAccess === "none") return;
    if (fn.tableAccess === "read") this.table.grantReadData(target.function);
    else this.table.grantReadWriteData(target.function);
    if (this.props.table.definition.indexes.length) {
      const tableArn = `<${Stack.of(this).resolve((this.table.node.defaultChild as CfnTable).logicalId)}.Arn>`;
      Validations.of(target.function.role!).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${tableArn}/index/*]`,
        reason: `Queries on the GSIs of ${this.service}'s own table (${this.props.table.definition.indexes.map((i) => i.name).join(", ")}, declared in the manifest); no other table is reachable.`,
      });
    }
  }

  /** The table's stream → publisher → the queues of every subscribing service (DESIGN.md, "Data and events"). */
  private connectPublisher(table: TableModel, wiring: ServiceWiring): void {
    const publisher = wiring.functionFor(table.publisher).function;
    publisher.addEventSource(
      new DynamoEventSource(this.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: DEFAULTS.streamBatchSize,
        bisectBatchOnError: true,
        retryAttempts: DEFAULTS.streamRetryAttempts,
        // A stream keeps records for 24 hours, so a longer age would be moot. The DLQ receives the failed batch's
        // shard and sequence numbers, not the records: a redrive reads the event items from the table (the outbox).
        maxRecordAge: Duration.days(1),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.streamDlq.queue),
        // Already in Lambda's filter syntax; FilterCriteria.filter only wraps it as `{ pattern: JSON }`.
        filters: [FilterCriteria.filter(eventStreamFilter)],
      }),
    );
    for (const queueId of new Set(Object.values(table.subscriptions).flat())) {
      wiring.queueFor(queueId).grantSendMessages(publisher);
    }
  }

  private connectConsumer(q: QueueModel, wiring: ServiceWiring): void {
    const consumer = wiring.functionFor(q.consumer);
    const queue = this.queues.get(q.id)!.queue;
    consumer.function.addEventSource(
      new SqsEventSource(queue, {
        batchSize: q.batchSize,
        maxBatchingWindow:
          q.maxBatchingWindowSeconds > 0 ? Duration.seconds(q.maxBatchingWindowSeconds) : undefined,
        reportBatchItemFailures: true,
      }),
    );
    Validations.of(consumer).acknowledge({
      id: "Serverless-LambdaEventSourceMappingDestination",
      reason: `SQS event source mappings take no OnFailure destination: ${q.id} redrives to its own DLQ after ${q.maxReceiveCount} receives.`,
    });
  }

  private connectSchedule(s: ScheduleModel, wiring: ServiceWiring): void {
    // An EventBridge rule rather than EventBridge Scheduler: the manifest's cron is UTC, as in infra/local's
    // scheduler, so Scheduler's time zones add nothing; a rule invokes through the function's resource policy instead
    // of one more IAM role per schedule; and cdk-nag's Serverless pack checks a rule target's DLQ (EventBusDLQ).
    new Rule(this, s.id, {
      description: s.definition.description,
      schedule: Schedule.expression(scheduleExpression(s.definition.schedule)),
      targets: [
        new LambdaFunction(wiring.functionFor(s.fn).function, {
          deadLetterQueue: this.scheduleDlqs.get(s.fn.id)!.queue,
          retryAttempts: 4,
          // A later run repeats the work of a missed one (handlers read what is due now), so old events are noise.
          maxEventAge: Duration.hours(1),
        }),
      ],
    });
  }
}

function scheduleExpression(expression: ScheduleExpression): string {
  return "rate" in expression ? `rate(${expression.rate})` : `cron(${expression.cron})`;
}
