import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamRecord,
} from "@aws-sdk/client-dynamodb-streams";
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { DynamoDBBatchResponse, DynamoDBRecord } from "aws-lambda";
import { DEFAULTS } from "#shared/manifest/types.ts";
import { eventStreamFilter } from "#shared/events/envelope.ts";
import type { TableModel } from "../manifest.ts";
import type { FunctionHost } from "./functions.ts";
import { matchesFilter, Poller } from "./poller.ts";

/**
 * Feeds a table's stream to its publisher the way Lambda's event source mapping does: records filtered by the same
 * pattern, in batches, in order per shard; on a failed batch item, retried from that record on; after the retry
 * limit, a failure record goes to the stream's DLQ and the shard moves on.
 */
export class StreamPoller extends Poller {
  private iterators = new Map<string, string | null>();
  private lastSequence = new Map<string, string>();
  private lastShardRefresh = 0;

  constructor(
    private readonly table: TableModel,
    private readonly streamArn: string,
    private readonly streams: DynamoDBStreamsClient,
    private readonly sqs: SQSClient,
    private readonly dlqUrl: string,
    private readonly host: FunctionHost,
    private readonly retryDelayMs = 50,
  ) {
    super(`stream ${table.service}`);
  }

  protected async poll(): Promise<boolean> {
    if (
      this.iterators.size === 0 ||
      [...this.iterators.values()].some((i) => i === null) ||
      Date.now() - this.lastShardRefresh > 30_000
    ) {
      await this.refreshShards();
    }
    let found = false;
    for (const [shardId, iterator] of this.iterators) {
      if (!iterator) continue;
      let result;
      try {
        result = await this.streams.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: DEFAULTS.streamBatchSize }),
        );
      } catch (error) {
        // DynamoDB Local invalidates an iterator taken on an empty shard once records arrive (when several tables
        // share the database); real iterators expire after 15 minutes. Either way: resume after the last record.
        const name = (error as Error).name;
        if (name !== "TrimmedDataAccessException" && name !== "ExpiredIteratorException") throw error;
        this.iterators.set(shardId, await this.iteratorFor(shardId));
        found = true;
        continue;
      }
      this.iterators.set(shardId, result.NextShardIterator ?? null);
      const raw = result.Records ?? [];
      if (raw.length) this.lastSequence.set(shardId, raw.at(-1)!.dynamodb!.SequenceNumber!);
      const records = raw
        .map((r) => toLambdaRecord(r, this.streamArn))
        .filter((r) => matchesFilter(eventStreamFilter, r));
      if (raw.length) found = true;
      if (records.length) await this.deliver(shardId, records);
    }
    return found;
  }

  private async refreshShards(): Promise<void> {
    this.lastShardRefresh = Date.now();
    const { StreamDescription } = await this.streams.send(
      new DescribeStreamCommand({ StreamArn: this.streamArn }),
    );
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId!;
      if (this.iterators.has(id)) continue;
      this.iterators.set(id, await this.iteratorFor(id));
    }
  }

  /**
   * After the last record handled on the shard, or from its start: after a restart with --persist, records not yet
   * published are published again (consumers are idempotent by event id), and none is skipped.
   */
  private async iteratorFor(shardId: string): Promise<string | null> {
    const last = this.lastSequence.get(shardId);
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ...(last
          ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER", SequenceNumber: last }
          : { ShardIteratorType: "TRIM_HORIZON" }),
      }),
    );
    return ShardIterator ?? null;
  }

  private async deliver(shardId: string, records: DynamoDBRecord[]): Promise<void> {
    let pending = records;
    for (let attempt = 0; pending.length; attempt++) {
      let failedFrom: number;
      try {
        const response = await this.host.invoke<DynamoDBBatchResponse | undefined>(this.table.publisher, {
          Records: pending,
        });
        const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        failedFrom = pending.findIndex((r) => failed.has(r.dynamodb!.SequenceNumber!));
      } catch (error) {
        if (attempt === 0) console.error(`[local] ${this.name}: publisher failed:`, (error as Error).message);
        failedFrom = 0;
      }
      if (failedFrom < 0) return;
      pending = pending.slice(failedFrom);
      if (attempt >= DEFAULTS.streamRetryAttempts) {
        await this.sqs.send(
          new SendMessageCommand({
            QueueUrl: this.dlqUrl,
            MessageBody: JSON.stringify({
              // The shape of Lambda's on-failure record for stream sources.
              requestContext: { condition: "RetryAttemptsExhausted", functionArn: this.table.publisher.id },
              DDBStreamBatchInfo: {
                shardId,
                startSequenceNumber: pending[0]!.dynamodb!.SequenceNumber,
                endSequenceNumber: pending.at(-1)!.dynamodb!.SequenceNumber,
                batchSize: pending.length,
                streamArn: this.streamArn,
              },
            }),
          }),
        );
        console.error(
          `[local] ${this.name}: ${pending.length} record(s) sent to ${this.table.streamDlqId} after ${attempt} retries`,
        );
        return;
      }
      await new Promise((r) => setTimeout(r, this.retryDelayMs * (attempt + 1)));
    }
  }
}

/** A record of the streams API in the shape Lambda's event source mapping hands a function. */
export function toLambdaRecord(r: StreamRecord, streamArn: string): DynamoDBRecord {
  const d = r.dynamodb!;
  return {
    eventID: r.eventID,
    eventName: r.eventName as DynamoDBRecord["eventName"],
    eventVersion: r.eventVersion,
    eventSource: "aws:dynamodb",
    awsRegion: r.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: d.ApproximateCreationDateTime
        ? d.ApproximateCreationDateTime.getTime() / 1000
        : undefined,
      Keys: d.Keys as Record<string, AttributeValue> as never,
      NewImage: restoreEmptyMaps(d.NewImage) as never,
      OldImage: restoreEmptyMaps(d.OldImage) as never,
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType as never,
    },
  };
}

/**
 * The streams client hands an empty map back as `{}` instead of `{ M: {} }` (an empty list stays `{ L: [] }`);
 * Lambda's stream events carry `{ M: {} }`, so restore it before the publisher unmarshalls the image.
 */
export function restoreEmptyMaps<T>(image: T): T {
  if (!image || typeof image !== "object") return image;
  const fix = (value: Record<string, unknown>): Record<string, unknown> => {
    if (Object.keys(value).length === 0) return { M: {} };
    if (value.M) return { M: restoreEmptyMaps(value.M) };
    if (Array.isArray(value.L)) return { L: value.L.map((v) => fix(v as Record<string, unknown>)) };
    return value;
  };
  return Object.fromEntries(
    Object.entries(image).map(([k, v]) => [k, fix(v as Record<string, unknown>)]),
  ) as T;
}
