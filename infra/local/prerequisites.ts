import { spawnSync } from "node:child_process";
import { createConnection, createServer } from "node:net";

/** DynamoDB Local is Amazon's Java emulator; without Java 17+ nothing local can start. One line says what to do. */
export function checkJava(): void {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  const text = `${result.stderr ?? ""}${result.stdout ?? ""}`;
  const major = Number(/version "(\d+)/.exec(text)?.[1] ?? NaN);
  if (result.error || !(major >= 17)) {
    const found = result.error
      ? "no java on PATH"
      : `found Java ${Number.isNaN(major) ? "of unknown version" : major}`;
    throw new PrerequisiteError(
      `Java 17+ is required for DynamoDB Local (${found}): install it, e.g. \`sudo apt-get install -y openjdk-17-jre-headless\` or \`brew install openjdk@17\`.`,
    );
  }
}

export class PrerequisiteError extends Error {
  override name = "PrerequisiteError";
}

/** True when something already listens on the port (a stale emulator must never be silently reused). */
export function portInUse(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function assertPortFree(port: number, what: string, hint: string): Promise<void> {
  if (await portInUse(port)) {
    throw new PrerequisiteError(`Port ${port} for ${what} is already in use — ${hint}`);
  }
}

/** A port nothing listens on now, chosen by the system: for a server whose port others must know before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
