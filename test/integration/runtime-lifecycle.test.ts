import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { portInUse } from "#infra/local/prerequisites.ts";
import { freePort } from "./global-setup.ts";

/** Runs `npm start`'s entry point in a child process, as a user would. */
function startRuntime(env: Record<string, string>) {
  return spawn(process.execPath, ["--import", "tsx", "infra/local/main.ts", "--ready-json", "--no-seed"], {
    env: { ...process.env, LOG_LEVEL: "ERROR", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function collect(child: ReturnType<typeof startRuntime>) {
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { exit, stderr: () => stderr };
}

describe("npm start", () => {
  it("stops with a one-line message when Java is missing", async () => {
    const child = startRuntime({
      PATH: "/nonexistent",
      PORT: "0",
      SQS_PORT: "0",
      S3_PORT: "0",
      DYNAMODB_PORT: String(await freePort()),
    });
    const { exit, stderr } = collect(child);
    expect(await exit).toBe(2);
    expect(stderr().trim().split("\n")).toHaveLength(1);
    expect(stderr()).toMatch(/^Java 17\+ is required .*install/);
  });

  it("refuses to reuse a port something already listens on (a stale emulator)", async () => {
    const squatter = createServer().listen(0, "127.0.0.1");
    await new Promise((r) => squatter.once("listening", r));
    const port = (squatter.address() as { port: number }).port;
    try {
      const child = startRuntime({ PORT: "0", SQS_PORT: "0", S3_PORT: "0", DYNAMODB_PORT: String(port) });
      const { exit, stderr } = collect(child);
      expect(await exit).toBe(2);
      expect(stderr()).toContain(`Port ${port} for DynamoDB Local is already in use`);
    } finally {
      squatter.close();
    }
  });

  it("leaves no process behind on Ctrl-C", async () => {
    // Arrange
    const dynamodbPort = await freePort();
    const child = startRuntime({
      PORT: "0",
      SQS_PORT: "0",
      S3_PORT: "0",
      DYNAMODB_PORT: String(dynamodbPort),
    });
    const { exit } = collect(child);
    const ready = await new Promise<{ url: string }>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`exited ${code}`)));
      createInterface({ input: child.stdout! }).on(
        "line",
        (l) => l.startsWith("READY ") && resolve(JSON.parse(l.slice(6))),
      );
    });
    expect((await fetch(`${ready.url}/v1/health`)).status).toBe(200);
    // Act
    child.kill("SIGINT");
    // Assert
    expect(await exit).toBe(0);
    expect(await portInUse(dynamodbPort)).toBe(false);
    const java = spawnSync("pgrep", ["-f", `DynamoDBLocal.jar.*-port ${dynamodbPort}`], { encoding: "utf8" });
    expect(java.stdout.trim()).toBe("");
  });
});
