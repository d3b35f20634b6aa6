import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from "@aws-sdk/client-dynamodb-streams";
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import * as z from "zod";
import { model, type TableModel } from "#infra/manifest.ts";
import { eventStreamFilter } from "#shared/events/envelope.ts";
import { publishStreamRecords } from "#shared/events/publisher.ts";
import { matchesFilter } from "#infra/local/poller.ts";
import { toLambdaRecord } from "#infra/local/stream-poller.ts";
import { cliClient, resolveQueueUrl, RedriveError } from "./redrive.ts";

/**
 * Lambda's on-failure record for a stream source (what a table's stream DLQ holds): not the events, but where they
 * are — the shard and the first and last sequence numbers of the batch the publisher could not send.
 */
const failureRecordSchema = z.object({
  DDBStreamBatchInfo: z.object({
    shardId: z.string().min(1),
    startSequenceNumber: z.string().min(1),
    endSequenceNumber: z.string().min(1),
    streamArn: z.string().min(1),
  }),
});

export interface ReplayResult {
  dlqUrl: string;
  /** Failure records read from the DLQ, and those whose events were all sent again (and so deleted). */
  failureRecords: number;
  replayed: number;
  /** Events sent again to their subscribed queues (a batch may hold other writes, which are skipped). */
  events: number;
  /** Why a failure record stayed in the DLQ (visible again after its visibility timeout). */
  problems: string[];
}

export interface ReplayClients {
  sqs: SQSClient;
  streams: DynamoDBStreamsClient;
}

/**
 * Send again the events of a table's stream batches that the publisher gave up on (after the event source mapping's
 * retries, Lambda puts a failure record in the table's stream DLQ; `npm run redrive` refuses it — it holds no
 * messages to move). For each failure record: read the batch's records back from the stream, shard and sequence
 * numbers as the record gives them, keep the inserted event items (the publisher's own filter), and send them with
 * the publisher's own code to every queue that subscribes to them (the manifest's subscriptions). Only when every
 * event of the batch reached every queue is the failure record deleted; otherwise it stays, and the next run tries
 * again. An event may so reach a queue twice; consumers apply it once by its id.
 *
 * A stream keeps its records 24 hours: a failure record older than that can no longer be read back, and says so.
 * The events themselves are still in the table (event items are never deleted — a case's history).
 */
export async function replayStream(
  clients: ReplayClients,
  table: TableModel,
  options: { queueUrls?: Record<string, string>; visibilitySeconds?: number } = {},
): Promise<ReplayResult> {
  const dlqUrl = await resolveQueueUrl(clients.sqs, table.streamDlqId);
  const queueUrls = options.queueUrls ?? (await subscribedQueueUrls(clients.sqs, table));
  const result: ReplayResult = { dlqUrl, failureRecords: 0, replayed: 0, events: 0, problems: [] };
  const seen = new Set<string>();
  for (;;) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        // long enough to read the batch back and send it; a record that fails stays hidden until the run ends
        VisibilityTimeout: options.visibilitySeconds ?? 300,
      }),
    );
    const fresh = Messages.filter((m) => !seen.has(m.MessageId!));
    if (fresh.length === 0) return result;
    for (const message of fresh) {
      seen.add(message.MessageId!);
      result.failureRecords++;
      const problem = await replayOne(clients, table, message.Body ?? "", queueUrls).then(
        (events) => {
          result.events += events;
          return undefined;
        },
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      if (problem) {
        result.problems.push(`${message.MessageId}: ${problem}`);
        continue;
      }
      await clients.sqs.send(
        new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: message.ReceiptHandle! }),
      );
      result.replayed++;
    }
  }
}

async function replayOne(
  clients: ReplayClients,
  table: TableModel,
  body: string,
  queueUrls: Record<string, string>,
): Promise<number> {
  let parsedBody: unknown;
  try {
    parsedBody = JSON.parse(body);
  } catch {
    throw new Error("not a stream failure record (not JSON)");
  }
  const parsed = failureRecordSchema.safeParse(parsedBody);
  if (!parsed.success) throw new Error("not a stream failure record (no DDBStreamBatchInfo)");
  const batch = parsed.data.DDBStreamBatchInfo;
  const records = (await readBatch(clients.streams, batch))
    .map((r) => toLambdaRecord(r, batch.streamArn))
    .filter((r) => matchesFilter(eventStreamFilter, r));
  if (records.length === 0) return 0;
  const failures = await publishStreamRecords(records, {
    sqs: clients.sqs,
    subscriptions: table.subscriptions,
    filters: table.filters,
    queueUrls,
  });
  if (failures.size > 0) {
    const [first] = failures.values();
    throw new Error(`${failures.size} of ${records.length} event(s) not sent again: ${first!.message}`);
  }
  return records.length;
}

/** The stream records from `start` to `end` (inclusive) on the shard. */
async function readBatch(
  streams: DynamoDBStreamsClient,
  batch: z.infer<typeof failureRecordSchema>["DDBStreamBatchInfo"],
): Promise<StreamRecord[]> {
  const end = BigInt(batch.endSequenceNumber);
  let iterator: string | undefined;
  try {
    ({ ShardIterator: iterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: batch.streamArn,
        ShardId: batch.shardId,
        ShardIteratorType: "AT_SEQUENCE_NUMBER",
        SequenceNumber: batch.startSequenceNumber,
      }),
    ));
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TrimmedDataAccessException" || name === "ResourceNotFoundException")
      throw new Error(
        `the batch is no longer in the stream (kept 24 hours): sequence ${batch.startSequenceNumber}–${batch.endSequenceNumber} on ${batch.shardId}`,
        { cause: error },
      );
    throw error;
  }
  const records: StreamRecord[] = [];
  // An open shard answers empty pages for ever: stop at the batch's last record, or after a few empty pages.
  for (let empty = 0; iterator && empty < 5;) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    const found = page.Records ?? [];
    empty = found.length === 0 ? empty + 1 : 0;
    for (const r of found) {
      if (BigInt(r.dynamodb!.SequenceNumber!) > end) return records;
      records.push(r);
    }
    if (found.length && BigInt(found.at(-1)!.dynamodb!.SequenceNumber!) >= end) return records;
    iterator = page.NextShardIterator;
  }
  return records;
}

/** Every queue the table's events go to, by the manifest's queue id. */
async function subscribedQueueUrls(sqs: SQSClient, table: TableModel): Promise<Record<string, string>> {
  const ids = [...new Set(Object.values(table.subscriptions).flat())];
  return Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await resolveQueueUrl(sqs, id)])));
}

const USAGE = `usage: npm run replay-stream -- <service> [--endpoint URL --dynamodb-endpoint URL | --aws]
  <service>            whose table's stream DLQ to replay (${model.tables.map((t) => t.service).join(", ")})
  --endpoint           the local SQS endpoint (default: SQS_ENDPOINT, else http://127.0.0.1:\${SQS_PORT:-9324})
  --dynamodb-endpoint  the local DynamoDB endpoint, whose streams are read (default: DYNAMODB_ENDPOINT, else
                       http://127.0.0.1:\${DYNAMODB_PORT:-8000})
  --aws                use AWS with the usual credentials and region (AWS_PROFILE, AWS_REGION)`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        endpoint: { type: "string" },
        "dynamodb-endpoint": { type: "string" },
        aws: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const table = model.tables.find((t) => t.service === positionals[0] || t.streamDlqId === positionals[0]);
  if (values.help || positionals.length !== 1 || !table || (values.aws && values.endpoint)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const { sqs, where } = cliClient({ endpoint: values.endpoint, aws: values.aws });
  const dynamodbEndpoint =
    values["dynamodb-endpoint"] ??
    process.env.DYNAMODB_ENDPOINT ??
    `http://127.0.0.1:${process.env.DYNAMODB_PORT || 8000}`;
  const streams = values.aws
    ? new DynamoDBStreamsClient({})
    : new DynamoDBStreamsClient({
        endpoint: dynamodbEndpoint,
        region: "local",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
      });
  try {
    const result = await replayStream({ sqs, streams }, table);
    console.log(
      `${result.dlqUrl.split("/").at(-1)}: ${result.replayed} of ${result.failureRecords} failure record(s) replayed, ` +
        `${result.events} event(s) sent again`,
    );
    for (const p of result.problems) console.error(`  kept ${p}`);
    return result.problems.length ? 1 : 0;
  } catch (error) {
    const e = error as Error & { code?: string };
    console.error(
      e instanceof RedriveError
        ? e.message
        : e.code === "ECONNREFUSED"
          ? `No emulator at ${where} or ${dynamodbEndpoint}: is \`npm start\` running?`
          : `replay failed: ${e.name}: ${e.message}`,
    );
    return 1;
  } finally {
    sqs.destroy();
    streams.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
