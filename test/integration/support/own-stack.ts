import { createInterface } from "node:readline";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { spawnStack, type StackInfo } from "../global-setup.ts";

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  /** Wall time from sending to the whole body read. */
  ms: number;
}

/**
 * A second local stack of this test file's own — for what must not happen to the suite's shared one (taking its
 * DynamoDB Local away). Started like global-setup starts the shared one (`npm start`'s entry point, free ports, the
 * suite's start date), with extra arguments such as `--persist DIR`.
 */
export async function startOwnStack(args: string[] = []) {
  const child = await spawnStack(args);
  let stderr = "";
  const errors: string[] = [];
  child.stderr!.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const info = await new Promise<StackInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`own stack not ready in 90 s:\n${stderr}`)), 90_000);
    child.once("exit", (code) => reject(new Error(`own stack exited (${code}):\n${stderr}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      // The stack's structured errors, kept so a failing assertion can say what the handler met (by requestId).
      if (line.includes('"level":"ERROR"')) {
        errors.push(line.slice(0, 4000));
        if (errors.length > 500) errors.shift();
      }
      if (!line.startsWith("READY ")) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(6)) as StackInfo);
    });
  });

  const credentials = { accessKeyId: "local", secretAccessKey: "local" };
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: info.endpoints.dynamodb, region: "local", credentials }),
  );
  const sqs = new SQSClient({ endpoint: info.endpoints.sqs, region: "local", credentials });

  async function request<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; timeoutMs?: number; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const started = Date.now();
    const res = await fetch(`${info.url}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: body as T, ms: Date.now() - started };
  }

  return {
    info,
    db,
    sqs,
    request,
    token: async (user: string) =>
      (await request("POST", "/_local/token", { body: { user } })).body.token as string,
    stderr: () => stderr,
    /** The last 500 ERROR lines the stack logged; with `requestId`, those of that request only. */
    errors: (requestId?: string) => errors.filter((l) => !requestId || l.includes(requestId)),
    /** Ctrl-C, as a user would; the runtime stops DynamoDB Local with it. */
    async stop() {
      db.destroy();
      sqs.destroy();
      if (child.exitCode !== null) return;
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type OwnStack = Awaited<ReturnType<typeof startOwnStack>>;
