import { appendFileSync, mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { registerConsumerHooks } from "#shared/events/local-hooks.ts";
import { environmentFor, model, type Model } from "../manifest.ts";
import { createLocalAuth, type LocalAuth, type LocalIdentity } from "./auth.ts";
import { startRestartableDynamoDbLocal } from "./dynamodb-local.ts";
import { ConsumerFaults } from "./faults.ts";
import { Outbox } from "./outbox.ts";
import { registerLocalOutbox } from "#services/delivery/adapters/message-provider.ts";
import { FunctionHost } from "./functions.ts";
import { consoleHeaders, ensureConsoleBuilt } from "./console.ts";
import { createHttpServer, type RecordedAnswer } from "./http-server.ts";
import { localApi } from "./local-api.ts";
import { assertPortFree, checkJava, freePort } from "./prerequisites.ts";
import { localProcessEnvironment } from "./process-env.ts";
import { QueuePoller } from "./queue-poller.ts";
import { createResources } from "./resources.ts";
import { S3_CREDENTIALS, startS3Local } from "./s3-local.ts";
import { Scheduler } from "./scheduler.ts";
import { createLocalSigningKeys } from "./signing-keys.ts";
import { startSqsLocal } from "./sqs-local.ts";
import { StreamPoller } from "./stream-poller.ts";
import { DEV_HOTLINE_SECRET, FakeHotline } from "./fake-hotline.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface StackOptions {
  /** HTTP port; 0 picks a free one. */
  port: number;
  dynamodbPort: number;
  /** 0 picks a free one. */
  sqsPort: number;
  /** The S3 emulator's; 0 picks a free one. */
  s3Port: number;
  /** Keep DynamoDB data (and the S3 emulator's objects, in `s3/`) here between runs; in memory otherwise. */
  dataDir?: string;
  /** Seconds before a failed message is delivered again (Lambda waits the queue's visibility timeout). */
  retrySeconds: number;
  seed: boolean;
  logLevel: string;
  /** Who signs tokens (infra/local/auth.ts): the runtime's own key, or the runtime as an external OIDC provider. */
  identity?: LocalIdentity;
}

export interface LocalStack {
  url: string;
  endpoints: { dynamodb: string; sqs: string; s3: string };
  tables: Record<string, string>;
  queues: Record<string, string>;
  /** By bucket id (`intake-materials`): the emulator's bucket name. */
  buckets: Record<string, string>;
  auth: LocalAuth;
  /** The hotline webhook secret in force (HOTLINE_WEBHOOK_SECRET, or the development value). */
  hotlineSecret: string;
  seeded: boolean;
  drain(timeoutMs?: number): Promise<{ idle: boolean; waitedMs: number; busy: string[] }>;
  stop(): Promise<void>;
}

/**
 * Start the whole system on loopback: DynamoDB Local, the SQS server and the S3 emulator, every table, queue and bucket
 * of the manifest, the handlers behind a local API Gateway, stream and queue pollers, the scheduler and the seed data.
 */
export async function startStack(options: StackOptions): Promise<LocalStack> {
  checkJava();
  if (options.port !== 0) {
    await assertPortFree(options.port, "the HTTP API", "another `npm start` running? Stop it or set PORT.");
  }
  // Known before anything starts: the S3 emulator's CORS rule names the API's origin, where the console is served.
  const apiPort = options.port === 0 ? await freePort() : options.port;
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse())
      await stop().catch((e) => console.error("[local] stop:", (e as Error).message));
    stops.length = 0;
  };
  try {
    // Restartable: `POST /_local/dynamodb/stop|start` takes it away under load and brings it back (with --persist).
    const dynamodbLocal = await startRestartableDynamoDbLocal({
      port: options.dynamodbPort,
      dataDir: options.dataDir,
    });
    stops.push(() => dynamodbLocal.stop());
    const sqsLocal = await startSqsLocal({ port: options.sqsPort });
    stops.push(sqsLocal.stop);
    const s3Local = await startS3Local(model, {
      port: options.s3Port,
      dataDir: options.dataDir,
      browserOrigins: [`http://127.0.0.1:${apiPort}`, `http://localhost:${apiPort}`],
    });
    stops.push(s3Local.stop);

    // The SDK reads these when a client is created: set before any handler module loads.
    Object.assign(process.env, {
      AWS_REGION: "local",
      // The S3 emulator checks signatures against its own key pair; the other emulators take any.
      AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodbLocal.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamodbLocal.endpoint,
      AWS_ENDPOINT_URL_SQS: sqsLocal.endpoint,
      AWS_ENDPOINT_URL_S3: s3Local.endpoint,
      // No per-request timeout against the emulators (shared/aws/clients.ts says why); refused connections stay quick.
      SDK_REQUEST_TIMEOUT_MS: process.env.SDK_REQUEST_TIMEOUT_MS ?? "0",
      ...localProcessEnvironment(options.logLevel),
    });
    const credentials = { accessKeyId: "local", secretAccessKey: "local" };
    const dynamodb = new DynamoDBClient({ endpoint: dynamodbLocal.endpoint, region: "local", credentials });
    const streams = new DynamoDBStreamsClient({
      endpoint: dynamodbLocal.endpoint,
      region: "local",
      credentials,
    });
    const sqs = new SQSClient({ endpoint: sqsLocal.endpoint, region: "local", credentials });
    stops.push(async () => [dynamodb, streams, sqs].forEach((c) => c.destroy()));

    const resources = await createResources(model, dynamodb, sqs);
    const hotlineSecret = process.env.HOTLINE_WEBHOOK_SECRET || DEV_HOTLINE_SECRET;
    // As an OIDC provider its issuer is under the API, on the port known above (issue 23, point 2).
    const auth = await createLocalAuth({
      identity: options.identity ?? "local",
      issuerUrl: `http://127.0.0.1:${apiPort}/_local/oidc`,
      identityClaims: process.env.IDENTITY_CLAIMS || undefined,
    });
    const signingKeys = createLocalSigningKeys(model, options.dataDir);
    Object.assign(
      process.env,
      localEnvironment(model, {
        tableName: (s) => resources.tables.get(s)!.name,
        queueUrl: (id) => resources.queues.get(id)!.url,
        auth: auth.env,
        signingKey: signingKeys.env,
        bucketName: s3Local.bucketName,
        // SMS and email go into the local outbox (GET /_local/outbox) instead of SNS and SES.
        messaging: { MESSAGE_PROVIDER: "local" },
        // The hotline's secret from the environment (a development value otherwise); callbacks to the fake hotline.
        integration: () => ({
          HOTLINE_WEBHOOK_SECRET: hotlineSecret,
          HOTLINE_CALLBACK_URL:
            process.env.HOTLINE_CALLBACK_URL ?? `http://127.0.0.1:${options.port}/_local/hotline/callbacks`,
        }),
      }),
    );
    const hotline = new FakeHotline(hotlineSecret);
    const faults = new ConsumerFaults();
    registerConsumerHooks(faults);
    const outbox = new Outbox();
    registerLocalOutbox(outbox);
    stops.push(async () => {
      registerConsumerHooks(undefined);
      registerLocalOutbox(undefined);
    });

    const host = new FunctionHost(ROOT);
    await host.preload(model.functions);

    const streamPollers = model.tables.map(
      (t) =>
        new StreamPoller(
          t,
          resources.tables.get(t.service)!.streamArn,
          streams,
          sqs,
          resources.queues.get(t.streamDlqId)!.url,
          host,
        ),
    );
    const queuePollers = model.queues.map((q) => {
      const r = resources.queues.get(q.id)!;
      return new QueuePoller(q, r.url, r.arn, sqs, host, options.retrySeconds);
    });
    const pollers = [...streamPollers, ...queuePollers];
    pollers.forEach((p) => p.start());
    stops.push(async () => void (await Promise.all(pollers.map((p) => p.stop()))));

    const scheduler = new Scheduler(model.schedules, host);
    scheduler.start();
    stops.push(() => scheduler.stop());

    const workQueues = model.queues.map((q) => ({ id: q.id, url: resources.queues.get(q.id)!.url }));
    const drain = async (timeoutMs = 30_000) => {
      const started = Date.now();
      let stable = 0;
      let busy: string[] = [];
      while (Date.now() - started < timeoutMs) {
        await Promise.all(pollers.map((p) => p.nextCycle()));
        busy = [
          ...(host.busy ? ["functions"] : []),
          ...pollers.filter((p) => p.active || (p instanceof QueuePoller && p.processing)).map((p) => p.name),
          ...(await queueBacklog(sqs, workQueues)),
        ];
        stable = busy.length ? 0 : stable + 1;
        // Two quiet rounds in a row: a stream record written just before the first round surfaces by the second.
        if (stable >= 2) return { idle: true, waitedMs: Date.now() - started, busy: [] };
        await new Promise((r) => setTimeout(r, busy.length ? 20 : 30));
      }
      return { idle: false, waitedMs: Date.now() - started, busy };
    };

    const site = {
      root: await ensureConsoleBuilt(),
      // The browser uploads scanned materials straight to the emulator, at a presigned URL (issue 19).
      headers: consoleHeaders([s3Local.endpoint]),
    };
    // The seed is written after the server listens (its use cases go through the same stack): ready once it is in.
    let ready = false;
    const server: Server = createHttpServer({
      model,
      host,
      site,
      local: localApi({
        auth,
        scheduler,
        faults,
        outbox,
        sqs,
        queues: resources.queues,
        drain,
        hotline,
        dynamodb: dynamodbLocal,
        ready: () => ready,
      }),
      afterRequest: () => pollers.forEach((p) => p.nudge()),
      recordAnswer: answerRecorder(process.env.RECORD_ANSWERS_DIR),
    });
    await new Promise<void>((ok, fail) =>
      server.once("error", fail).listen(apiPort, "127.0.0.1", () => ok()),
    );
    stops.push(
      () =>
        new Promise<void>((ok) => {
          server.close(() => ok());
          server.closeAllConnections();
        }),
    );
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : options.port;
    if (port !== options.port && !process.env.HOTLINE_CALLBACK_URL?.includes(`:${port}/`))
      process.env.HOTLINE_CALLBACK_URL = `http://127.0.0.1:${port}/_local/hotline/callbacks`;

    let seeded = false;
    if (options.seed) {
      const { seed } = await import("./seed.ts");
      seeded = (await seed()).seeded;
      await drain(15_000);
    }
    ready = true;

    return {
      url: `http://127.0.0.1:${port}`,
      endpoints: { dynamodb: dynamodbLocal.endpoint, sqs: sqsLocal.endpoint, s3: s3Local.endpoint },
      tables: Object.fromEntries([...resources.tables].map(([s, t]) => [s, t.name])),
      queues: Object.fromEntries([...resources.queues].map(([id, q]) => [id, q.url])),
      buckets: Object.fromEntries(s3Local.buckets),
      auth,
      hotlineSecret,
      seeded,
      drain,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function queueBacklog(sqs: SQSClient, queues: { id: string; url: string }[]): Promise<string[]> {
  const results = await Promise.all(
    queues.map(async (q) => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: q.url,
          AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        }),
      );
      const n =
        Number(Attributes.ApproximateNumberOfMessages ?? 0) +
        Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
      return n > 0 ? `${q.id} (${n})` : undefined;
    }),
  );
  return results.filter((r): r is string => r !== undefined);
}

/**
 * All functions share one process locally, so their environments are merged. Names are per service by design
 * (CATALOG_TABLE, …); the publisher's maps are keyed by event type and queue id, so their union serves every table.
 */
function localEnvironment(m: Model, resolved: Parameters<typeof environmentFor>[1]): Record<string, string> {
  const merged: Record<string, string> = {};
  const subscriptions: Record<string, string[]> = {};
  const filters: Record<string, unknown> = {};
  const queueUrls: Record<string, string> = {};
  for (const fn of m.functions) {
    for (const [k, v] of Object.entries(environmentFor(fn, resolved, m))) {
      if (k === "SUBSCRIPTIONS") Object.assign(subscriptions, JSON.parse(v));
      else if (k === "SUBSCRIPTION_FILTERS") Object.assign(filters, JSON.parse(v));
      else if (k === "QUEUE_URLS") Object.assign(queueUrls, JSON.parse(v));
      else if (k === "POWERTOOLS_SERVICE_NAME") merged[k] = "govservice-local";
      else if (merged[k] !== undefined && merged[k] !== v)
        throw new Error(`Local environment conflict on ${k}`);
      else merged[k] = v;
    }
  }
  return {
    ...merged,
    SUBSCRIPTIONS: JSON.stringify(subscriptions),
    SUBSCRIPTION_FILTERS: JSON.stringify(filters),
    QUEUE_URLS: JSON.stringify(queueUrls),
  };
}

/**
 * With RECORD_ANSWERS_DIR set (the integration suite sets it), every answer of a route is appended to a file of this
 * process's own there, one JSON line each; `contract-answers.test.ts` checks them against the contract (issue 16).
 */
function answerRecorder(dir: string | undefined): ((answer: RecordedAnswer) => void) | undefined {
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${process.pid}.jsonl`);
  return (answer) => appendFileSync(file, `${JSON.stringify(answer)}\n`);
}
