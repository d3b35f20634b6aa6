import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { createInterface } from "node:readline";
import type { TestProject } from "vitest/node";
import { checkJava, freePort, PrerequisiteError } from "#infra/local/prerequisites.ts";

export interface StackInfo {
  url: string;
  endpoints: { dynamodb: string; sqs: string; s3: string };
  tables: Record<string, string>;
  queues: Record<string, string>;
  /** By bucket id (`intake-materials`): the emulator's bucket name. */
  buckets: Record<string, string>;
  hotlineSecret: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

let child: ChildProcess | undefined;

/** Where the suite's virtual clock starts. */
export const SUITE_START = "2026-05-11T09:00:00+08:00";

/**
 * Where every stack of the suite records its answers, for `contract-answers.test.ts` (issue 16); TEST_ANSWERS_DIR
 * keeps the answers of suites run side by side apart (as TEST_STACK_LOG does their logs).
 */
export const ANSWERS_DIR = process.env.TEST_ANSWERS_DIR ?? ".local/answers";

/**
 * Start the local stack once for the whole integration suite — the same `npm start` entry point, on free ports, in its
 * own process — and stop it afterwards. Its output goes to .local/test-stack.log.
 */
export default async function setup(project: TestProject) {
  try {
    checkJava();
  } catch (error) {
    if (error instanceof PrerequisiteError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  mkdirSync(".local", { recursive: true });
  rmSync(ANSWERS_DIR, { recursive: true, force: true });
  // TEST_STACK_LOG keeps the logs of suites run side by side apart (CI prints .local/test-stack.log on a red run)
  const logPath = process.env.TEST_STACK_LOG ?? ".local/test-stack.log";
  const log = createWriteStream(logPath);
  child = await spawnStack();
  child.stderr!.pipe(log);
  const info = await new Promise<StackInfo>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the local stack was not ready within 60 s; see ${logPath}`)),
      60_000,
    );
    child!.once("exit", (code) => reject(new Error(`the local stack exited (${code}); see ${logPath}`)));
    createInterface({ input: child!.stdout! }).on("line", (line) => {
      log.write(`${line}\n`);
      if (line.startsWith("READY ")) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice(6)) as StackInfo);
      }
    });
  });
  project.provide("stack", info);

  return async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once("exit", r));
    child.kill("SIGTERM");
    await exited;
    log.end();
  };
}

/**
 * The local stack in a process of its own, as `npm start` runs it, on free ports, printing `READY {…}` when up. The
 * suite runs at a fixed virtual date, so its deadlines never depend on the day it runs (nor on which years have a
 * published holiday schedule): a Monday, clear of holidays. A file that needs another date starts its own stack.
 */
export async function spawnStack(args: string[] = []): Promise<ChildProcess> {
  return spawn(
    process.execPath,
    ["--import", "tsx", "infra/local/main.ts", "--ready-json", "--start-at", SUITE_START, ...args],
    {
      env: {
        ...process.env,
        PORT: "0",
        SQS_PORT: "0",
        S3_PORT: "0",
        DYNAMODB_PORT: String(await freePort()),
        LOG_LEVEL: "ERROR",
        LOCAL_RETRY_SECONDS: "1",
        RECORD_ANSWERS_DIR: ANSWERS_DIR,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

/** The suite's tests take it from here (runtime-lifecycle.test.ts, security-personal-data.test.ts). */
export { freePort };
