import { Duration, Validations } from "aws-cdk-lib";
import {
  Alarm,
  ComparisonOperator,
  TreatMissingData,
  type CfnAlarm,
  type IAlarmAction,
} from "aws-cdk-lib/aws-cloudwatch";
import { Queue, QueueEncryption, type IQueue, type QueueProps } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { QueueModel } from "#infra/manifest.ts";

/** Every queue: encrypted at rest with SQS-owned keys (no KMS grants to manage) and reachable only over TLS. */
const secure = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true } satisfies QueueProps;

/**
 * A dead-letter queue with an alarm: a message here is work that was given up on — an event a service never
 * received, or a deadline check that never ran — so one is already too many.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: { purpose: string }) {
    super(scope, id);
    // The longest SQS allows: time to find the fault and redrive before anything expires.
    this.queue = new Queue(this, "Queue", { ...secure, retentionPeriod: Duration.days(14) });
    this.alarm = new Alarm(this, "Alarm", {
      alarmDescription: `Messages are waiting in the dead-letter queue of ${props.purpose}.`,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    // cdk-nag recognises a DLQ only when a queue's redrive policy or a function's DeadLetterConfig points at it; a
    // stream's OnFailure destination does neither.
    const reason =
      "This queue is itself a dead-letter queue: an operator redrives it after fixing the cause.";
    Validations.of(this.queue).acknowledge(
      { id: "AwsSolutions-SQS3", reason },
      { id: "Serverless-SQSRedrivePolicy", reason },
    );
  }

  /** The DeadLetterQueue a queue was made by (a service hands its schedules' DLQs out as plain queues). */
  static of(queue: IQueue): DeadLetterQueue {
    const owner = queue.node.scope;
    if (!(owner instanceof DeadLetterQueue)) throw new Error(`${queue.node.path} is not a dead-letter queue`);
    return owner;
  }

  /**
   * Gives the alarm a fixed name and sends its changes (alarm and recovery) to `action` — the operations construct
   * does this for every DLQ. A fixed name lets the dashboard show the alarm without a reference into this queue's stack.
   */
  notify(alarmName: string, action: IAlarmAction): void {
    (this.alarm.node.defaultChild as CfnAlarm).alarmName = alarmName;
    this.alarm.addAlarmAction(action);
    this.alarm.addOkAction(action);
  }
}

/** A service's inbound queue as the manifest declares it, with its DLQ and redrive after `maxReceiveCount`. */
export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly dlq: DeadLetterQueue;

  constructor(scope: Construct, id: string, model: QueueModel) {
    super(scope, id);
    this.dlq = new DeadLetterQueue(this, "Dlq", { purpose: `queue ${model.id}` });
    this.queue = new Queue(this, "Queue", {
      ...secure,
      visibilityTimeout: Duration.seconds(model.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: this.dlq.queue, maxReceiveCount: model.maxReceiveCount },
    });
  }
}
