import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
  type Message,
} from "@aws-sdk/client-sqs";

export interface RedriveResult {
  /** The dead-letter queue emptied, and the queue its messages went back to. */
  dlqUrl: string;
  sourceUrl: string;
  /** Messages in the DLQ when the move started, and moved so far (all of them once `status` is COMPLETED). */
  toMove: number;
  moved: number;
  /** The move task's status: COMPLETED, FAILED, CANCELLED — or RUNNING when not waited for (or still going). */
  status: string;
  failureReason?: string;
  /** How the messages went back: SQS's move task, or received, sent again and deleted by this command. */
  method: "move" | "resend";
}

/**
 * `move`: SQS's message move task. `resend`: receive, send to the source queue, then delete — where the move task is
 * not offered (the China regions, issue 23). `auto`: the move task, and resend if SQS says it does not support it.
 */
export type RedriveMethod = "auto" | "move" | "resend";

/** The errors an SQS without the move task answers StartMessageMoveTask with. */
const UNSUPPORTED = new Set([
  "UnsupportedOperation",
  "InvalidAction",
  "UnknownOperationException",
  "AWS.SimpleQueueService.UnsupportedOperation",
]);

/**
 * Move every message of a work queue's DLQ back to that queue, once its cause is fixed. `queue` is the manifest's
 * queue id (`review-events`), its DLQ's id (`review-events-dlq`) or a queue URL.
 *
 * It uses SQS's own message move task (`StartMessageMoveTask`, what the console's "Start DLQ redrive" runs), in AWS
 * and against the local emulator alike: SQS moves each message with its body and attributes, deleting it from the DLQ
 * only after it is in the source queue — a message can arrive twice, never be lost; the consumers apply an event
 * once by its id. The destination is the queue whose redrive policy names this DLQ (`ListDeadLetterSourceQueues`), so
 * a stream's or a schedule's DLQ — failure records, not events — is refused. AWS needs `sqs:StartMessageMoveTask`,
 * `sqs:ListMessageMoveTasks`, `sqs:ListDeadLetterSourceQueues`, `sqs:GetQueueAttributes`, `sqs:ReceiveMessage` and
 * `sqs:DeleteMessage` on the DLQ, and `sqs:SendMessage` on the queue. Where SQS offers no move task (the China
 * regions, issue 23) it receives, sends again and deletes the messages itself (`resend`, with the same guarantee).
 */
export async function redrive(
  sqs: SQSClient,
  queue: string,
  options: { wait?: boolean; timeoutMs?: number; pollMs?: number; method?: RedriveMethod } = {},
): Promise<RedriveResult> {
  const { wait = true, timeoutMs = 120_000, pollMs = 250, method = "auto" } = options;
  const dlqUrl = await resolveDlq(sqs, queue);
  const { queueUrls = [] } = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl }));
  if (queueUrls.length !== 1) {
    throw new RedriveError(
      queueUrls.length === 0
        ? `${dlqUrl} is no queue's dead-letter queue: a table stream's DLQ holds failure records, not events — \`npm run replay-stream -- <service>\` sends their events again; a schedule's holds failed runs to inspect.`
        : `${dlqUrl} is the dead-letter queue of several queues; redrive cannot tell where a message came from.`,
    );
  }
  const sourceUrl = queueUrls[0]!;
  if (method === "resend") return resend(sqs, dlqUrl, sourceUrl, timeoutMs);
  const [dlqArn, sourceArn] = await Promise.all([arnOf(sqs, dlqUrl), arnOf(sqs, sourceUrl)]);
  try {
    await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn, DestinationArn: sourceArn }));
  } catch (error) {
    if (method === "auto" && UNSUPPORTED.has((error as Error).name))
      return resend(sqs, dlqUrl, sourceUrl, timeoutMs);
    throw error;
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Newest first, and only one task can run per DLQ: the first is the one just started.
    const { Results = [] } = await sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: dlqArn, MaxResults: 1 }),
    );
    const task = Results[0];
    const status = task?.Status ?? "RUNNING";
    if (!wait || status !== "RUNNING" || Date.now() > deadline) {
      return {
        dlqUrl,
        sourceUrl,
        toMove: Number(task?.ApproximateNumberOfMessagesToMove ?? 0),
        moved: Number(task?.ApproximateNumberOfMessagesMoved ?? 0),
        status,
        ...(task?.FailureReason ? { failureReason: task.FailureReason } : {}),
        method: "move",
      };
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/**
 * The move task by hand, for an SQS that has none: receive up to 10 messages of the DLQ, send them to the source queue
 * with their body and attributes, and delete from the DLQ only those the queue took — as the move task does, a message
 * can arrive twice (a crash between the send and the delete), never be lost; the consumers apply an event once by its
 * id. A message the queue refused stays in the DLQ, visible again after the receive's visibility timeout, and the
 * result is FAILED. It stops when the DLQ answers a receive with nothing, or at the deadline.
 */
async function resend(
  sqs: SQSClient,
  dlqUrl: string,
  sourceUrl: string,
  timeoutMs: number,
): Promise<RedriveResult> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ["ApproximateNumberOfMessages"] }),
  );
  const toMove = Number(Attributes?.ApproximateNumberOfMessages ?? 0);
  const deadline = Date.now() + timeoutMs;
  let moved = 0;
  let refused = 0;
  let failureReason: string | undefined;
  for (;;) {
    if (Date.now() > deadline)
      return { dlqUrl, sourceUrl, toMove, moved, status: "RUNNING", method: "resend" };
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        // Long enough to send and delete the batch; a message not deleted by then is simply received again.
        VisibilityTimeout: 60,
        MessageAttributeNames: ["All"],
        MessageSystemAttributeNames: ["AWSTraceHeader"],
      }),
    );
    if (!Messages.length) break;
    const entries = Messages.map((m, i) => ({ id: String(i), message: m }));
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: sourceUrl,
        Entries: entries.map(({ id, message }) => resendEntry(id, message)),
      }),
    );
    const ok = new Set((sent.Successful ?? []).map((e) => e.Id));
    for (const f of sent.Failed ?? []) failureReason ??= `${f.Code}: ${f.Message ?? "refused"}`;
    refused += (sent.Failed ?? []).length;
    const done = entries.filter(({ id }) => ok.has(id));
    if (done.length) {
      const deleted = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: dlqUrl,
          Entries: done.map(({ id, message }) => ({ Id: id, ReceiptHandle: message.ReceiptHandle! })),
        }),
      );
      moved += (deleted.Successful ?? []).length;
    }
    // Whatever the queue refused will be received again: stop rather than loop on it.
    if (refused) break;
  }
  return {
    dlqUrl,
    sourceUrl,
    toMove,
    moved,
    status: refused ? "FAILED" : "COMPLETED",
    ...(failureReason ? { failureReason } : {}),
    method: "resend",
  };
}

/** A received message as a batch entry for its queue: body, message attributes, the trace header it carried. */
function resendEntry(id: string, message: Message) {
  const trace = message.Attributes?.AWSTraceHeader;
  return {
    Id: id,
    MessageBody: message.Body ?? "",
    ...(message.MessageAttributes && Object.keys(message.MessageAttributes).length
      ? { MessageAttributes: message.MessageAttributes }
      : {}),
    ...(trace
      ? { MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: trace } } }
      : {}),
  };
}

export class RedriveError extends Error {
  override name = "RedriveError";
}

/** The DLQ of a queue id, a DLQ id or a URL. */
async function resolveDlq(sqs: SQSClient, queue: string): Promise<string> {
  if (/^https?:\/\//.test(queue)) return queue;
  return resolveQueueUrl(sqs, queue.endsWith("-dlq") ? queue : `${queue}-dlq`);
}

/**
 * A queue's URL from its manifest id (`review-events`, `review-events-dlq`, `catalog-stream-dlq`). Locally queues are
 * named by their id. In AWS CloudFormation names them `<stack>-<logical id>-<suffix>`, and the CDK's logical id of a
 * work queue (`<id>/Queue`) starts with the id without dashes followed by `Queue`, of a DLQ (`<id>/Dlq/Queue`, or
 * `<service>/StreamDlq/Queue`) by `DlqQueue`: a queue whose name holds that, and only one, is the one.
 */
export async function resolveQueueUrl(sqs: SQSClient, id: string): Promise<string> {
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: id }));
    if (QueueUrl) return QueueUrl;
  } catch (error) {
    if (!(error instanceof QueueDoesNotExist) && (error as Error).name !== "QueueDoesNotExist") throw error;
  }
  const stem = (
    id.endsWith("-dlq")
      ? `${id.slice(0, -"-dlq".length).replace(/[^A-Za-z0-9]/g, "")}DlqQueue`
      : `${id.replace(/[^A-Za-z0-9]/g, "")}Queue`
  ).toLowerCase();
  const urls: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await sqs.send(new ListQueuesCommand({ MaxResults: 1000, NextToken }));
    urls.push(...(page.QueueUrls ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  const matches = urls.filter((u) => u.split("/").at(-1)!.toLowerCase().includes(stem));
  if (matches.length === 1) return matches[0]!;
  throw new RedriveError(
    matches.length
      ? `"${id}" matches several queues; give the queue's URL:\n  ${matches.join("\n  ")}`
      : `No queue "${id}" here; give the manifest's queue id (e.g. review-events) or the DLQ's URL.`,
  );
}

async function arnOf(sqs: SQSClient, url: string): Promise<string> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }),
  );
  return Attributes!.QueueArn!;
}

/**
 * The SQS client for the command line: the local stack's emulator unless `--aws` (then the SDK's usual credentials
 * and region). Locally the endpoint is `--endpoint`, else SQS_ENDPOINT, else `npm start`'s default port (SQS_PORT,
 * 9324) — the stack prints its endpoint when it starts.
 */
export function cliClient(options: { endpoint?: string; aws?: boolean; env?: NodeJS.ProcessEnv }): {
  sqs: SQSClient;
  where: string;
} {
  const env = options.env ?? process.env;
  // An operator's terminal, not a test log: the SDK's Node 20 notice (see LOCAL-STACK.md) is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  if (options.aws) return { sqs: new SQSClient({}), where: "AWS" };
  const endpoint = options.endpoint ?? env.SQS_ENDPOINT ?? `http://127.0.0.1:${env.SQS_PORT || 9324}`;
  const credentials = { accessKeyId: "local", secretAccessKey: "local" };
  return { sqs: new SQSClient({ endpoint, region: "local", credentials }), where: endpoint };
}

const USAGE = `usage: npm run redrive -- <queue> [--endpoint URL | --aws] [--no-wait] [--method auto|move|resend]
  <queue>      a queue id from the manifest (review-events), its DLQ (review-events-dlq) or the DLQ's URL
  --endpoint   the local SQS endpoint (default: SQS_ENDPOINT, else http://127.0.0.1:\${SQS_PORT:-9324})
  --aws        use AWS with the usual credentials and region (AWS_PROFILE, AWS_REGION)
  --no-wait    start the move and return, without waiting for it to finish
  --method     move: SQS's move task; resend: receive, send again and delete (the China regions have no move
               task); auto (default): the move task, resend where SQS does not offer it`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        endpoint: { type: "string" },
        aws: { type: "boolean", default: false },
        "no-wait": { type: "boolean", default: false },
        method: { type: "string", default: "auto" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const method = values.method as RedriveMethod;
  if (
    values.help ||
    positionals.length !== 1 ||
    (values.aws && values.endpoint) ||
    !["auto", "move", "resend"].includes(method)
  ) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const { sqs, where } = cliClient({ endpoint: values.endpoint, aws: values.aws });
  try {
    const result = await redrive(sqs, positionals[0]!, { wait: !values["no-wait"], method });
    const name = (url: string) => url.split("/").at(-1);
    console.log(
      `${name(result.dlqUrl)} → ${name(result.sourceUrl)}: moved ${result.moved} of ${result.toMove} message(s), ${result.status}` +
        (result.method === "resend" ? " (received, sent again and deleted)" : "") +
        (result.failureReason ? ` (${result.failureReason})` : ""),
    );
    return result.status === "COMPLETED" || (values["no-wait"] && result.status === "RUNNING") ? 0 : 1;
  } catch (error) {
    const e = error as Error & { code?: string };
    console.error(
      e instanceof RedriveError
        ? e.message
        : e.code === "ECONNREFUSED"
          ? `No SQS at ${where}: is \`npm start\` running? (--endpoint, SQS_ENDPOINT)`
          : `redrive failed: ${e.name}: ${e.message}`,
    );
    return 1;
  } finally {
    sqs.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
