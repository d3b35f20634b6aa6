import { NestedStack, Tags } from "aws-cdk-lib";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import type { Model } from "#infra/manifest.ts";
import { WorkQueue } from "../constructs/queues.ts";

export interface MessagingStackProps {
  readonly model: Model;
}

/**
 * Every inbound queue of the model, each with its DLQ and alarm. The queues live here, not with the service that
 * consumes them, because the publisher of one service sends to the queues of others — and two services may well
 * subscribe to each other (intake ↔ supervision). With queues in the services' stacks that would be a dependency
 * cycle between them; with the queues here, each service stack only ever depends on this stack and the root.
 * Nothing in this stack refers to a service stack.
 */
export class MessagingStack extends NestedStack {
  /** By QueueModel id. */
  readonly queues: ReadonlyMap<string, WorkQueue>;

  constructor(scope: Construct, id: string, props: MessagingStackProps) {
    super(scope, id, {
      description: "Government service centers: every service's inbound queues and their DLQs",
    });
    this.queues = new Map(
      props.model.queues.map((q) => {
        const queue = new WorkQueue(this, q.id, q);
        Tags.of(queue).add("service", q.service);
        return [q.id, queue];
      }),
    );
  }

  /** A service's inbound queue: its consumer reads it, the publishers of the services it subscribes to send to it. */
  queue(queueId: string): IQueue {
    const queue = this.queues.get(queueId);
    if (!queue) throw new Error(`No queue ${queueId} in the model`);
    return queue.queue;
  }
}
