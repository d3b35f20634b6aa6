import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { SQSBatchResponse, SQSRecord } from "aws-lambda";
import type { QueueModel } from "../manifest.ts";
import type { FunctionHost } from "./functions.ts";
import { Poller } from "./poller.ts";

/**
 * Feeds a queue to its consumer the way Lambda's SQS event source does: batches, partial batch failures (only the
 * reported records stay on the queue), redelivery after the visibility timeout, and the queue's own redrive to its
 * DLQ after maxReceiveCount. Locally a failed message reappears after `retrySeconds` rather than the full timeout,
 * and visibility is never changed per message (the emulator would count it as another receive).
 */
export class QueuePoller extends Poller {
  processing = false;

  constructor(
    private readonly queue: QueueModel,
    private readonly url: string,
    private readonly arn: string,
    private readonly sqs: SQSClient,
    private readonly host: FunctionHost,
    private readonly retrySeconds: number,
  ) {
    super(`queue ${queue.id}`);
  }

  protected async poll(): Promise<boolean> {
    const { Messages } = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.url,
        MaxNumberOfMessages: this.queue.batchSize,
        WaitTimeSeconds: 0,
        VisibilityTimeout: this.retrySeconds,
        AttributeNames: ["All"],
        MessageAttributeNames: ["All"],
      }),
    );
    if (!Messages?.length) return false;
    this.processing = true;
    try {
      // One response can hold a message twice when it reappeared meanwhile; Lambda would see it once per receive.
      const unique = [...new Map(Messages.map((m) => [m.MessageId, m])).values()];
      const records = unique.map((m) => this.toLambdaRecord(m));
      let failed: Set<string>;
      try {
        const response = await this.host.invoke<SQSBatchResponse | undefined>(this.queue.consumer, {
          Records: records,
        });
        failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch {
        failed = new Set(records.map((r) => r.messageId));
      }
      const done = unique.filter((m) => !failed.has(m.MessageId!));
      if (done.length) {
        await this.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.url,
            Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
      }
    } finally {
      this.processing = false;
    }
    return true;
  }

  private toLambdaRecord(m: Message): SQSRecord {
    const a = m.Attributes ?? {};
    return {
      messageId: m.MessageId!,
      receiptHandle: m.ReceiptHandle!,
      body: m.Body ?? "",
      attributes: {
        ApproximateReceiveCount: a.ApproximateReceiveCount ?? "1",
        SentTimestamp: a.SentTimestamp ?? String(Date.now()),
        SenderId: a.SenderId ?? "local",
        ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      },
      messageAttributes: Object.fromEntries(
        Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [
          k,
          {
            stringValue: v.StringValue,
            dataType: v.DataType ?? "String",
            stringListValues: [],
            binaryListValues: [],
          },
        ]),
      ),
      md5OfBody: m.MD5OfBody ?? "",
      eventSource: "aws:sqs",
      eventSourceARN: this.arn,
      awsRegion: "local",
    };
  }
}
