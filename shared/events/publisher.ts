import { SendMessageBatchCommand, type MessageAttributeValue, type SQSClient } from "@aws-sdk/client-sqs";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { logger } from "../observability.ts";
import { subscriptionKey, wanted, type DataFilter } from "./define-event.ts";
import { envelopeSchema, type Envelope } from "./envelope.ts";
import { consumerHooks } from "./local-hooks.ts";

/** Event type → ids of the queues that subscribe to it (derived from the manifest's `consumes`). */
export type Subscriptions = Record<string, readonly string[]>;

export interface PublisherPorts {
  sqs: SQSClient;
  subscriptions: Subscriptions;
  /** `<event type> <queue id>` → what of the event's data that queue asks for (define-event.ts `when`). */
  filters: Readonly<Record<string, DataFilter>>;
  queueUrls: Record<string, string>;
}

const SQS_BATCH = 10;

/**
 * Send the event items found in a batch of stream records to every subscribed queue, with SendMessageBatch
 * (10 entries a call, one call per queue chunk). Returns, per stream sequence number, the error that kept that
 * record from reaching all its queues; the caller reports those records as failed so the stream retries them.
 * A retried record may reach a queue twice: consumers are idempotent by event id.
 */
export async function publishStreamRecords(
  records: readonly DynamoDBRecord[],
  { sqs, subscriptions, filters, queueUrls }: PublisherPorts,
): Promise<Map<string, Error>> {
  const failures = new Map<string, Error>();
  const outgoing = new Map<string, { id: string; seq: string; envelope: Envelope; body: string }[]>();

  records.forEach((record, index) => {
    const seq = record.dynamodb?.SequenceNumber ?? "";
    const parsed = envelopeSchema.safeParse(
      unmarshall((record.dynamodb?.NewImage ?? {}) as Record<string, AttributeValue>),
    );
    if (!parsed.success) {
      failures.set(seq, new Error(`Stream record ${seq} is not a valid event item: ${parsed.error.message}`));
      return;
    }
    const envelope = parsed.data;
    try {
      consumerHooks()?.fault(`${envelope.source}-publisher`, envelope.id, envelope.type, "before");
    } catch (error) {
      failures.set(seq, error as Error);
      return;
    }
    for (const queue of subscriptions[envelope.type] ?? []) {
      // A subscription with a filter takes only the events whose data match it; the others are not sent at all.
      if (!wanted(filters[subscriptionKey(envelope.type, queue)], envelope.data)) continue;
      const url = queueUrls[queue];
      if (!url) {
        failures.set(seq, new Error(`No URL configured for queue ${queue}`));
        continue;
      }
      const list = outgoing.get(url) ?? [];
      list.push({ id: `r${index}`, seq, envelope, body: JSON.stringify(envelope) });
      outgoing.set(url, list);
    }
  });

  const sends: Promise<void>[] = [];
  for (const [url, entries] of outgoing) {
    for (let i = 0; i < entries.length; i += SQS_BATCH) {
      const chunk = entries.slice(i, i + SQS_BATCH);
      sends.push(
        sqs
          .send(
            new SendMessageBatchCommand({
              QueueUrl: url,
              Entries: chunk.map((e) => ({
                Id: e.id,
                MessageBody: e.body,
                MessageAttributes: attributes(e.envelope),
              })),
            }),
          )
          .then((result) => {
            for (const failed of result.Failed ?? []) {
              const entry = chunk.find((e) => e.id === failed.Id);
              if (entry)
                failures.set(entry.seq, new Error(`SQS refused ${entry.envelope.id}: ${failed.Code}`));
            }
          })
          .catch((error: unknown) => {
            for (const entry of chunk)
              failures.set(entry.seq, error instanceof Error ? error : new Error(String(error)));
          }),
      );
    }
  }
  await Promise.all(sends);
  const hooks = consumerHooks();
  if (hooks) {
    for (const record of records) {
      const image = unmarshall((record.dynamodb?.NewImage ?? {}) as Record<string, AttributeValue>);
      const failed = failures.has(record.dynamodb?.SequenceNumber ?? "");
      hooks.observe(
        `${String(image.source)}-publisher`,
        String(image.id),
        String(image.type),
        failed ? "failed" : "applied",
      );
    }
  }
  for (const [seq, error] of failures) logger.error("event not published", { sequenceNumber: seq, error });
  logger.debug("published stream batch", { records: records.length, failed: failures.size });
  return failures;
}

function attributes(envelope: Envelope): Record<string, MessageAttributeValue> {
  return {
    eventType: { DataType: "String", StringValue: envelope.type },
    eventVersion: { DataType: "Number", StringValue: String(envelope.version) },
  };
}
