import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { model } from "#infra/manifest.ts";
import { createTable } from "#infra/local/resources.ts";
import { db, stack } from "./support/api.ts";

/**
 * `npm run catalog -- install` (issue 23): a deployment's city center, which the API never registers, written into
 * an empty catalog table — here a fresh table of the suite's DynamoDB Local with the catalog's indexes, as CDK makes
 * it — through the catalog's own use case, once.
 */
const SEED = "infra/local/seed/catalog.jsonl";
const table = `catalog-install-${Date.now().toString(36)}`;
const dynamodb = new DynamoDBClient({
  endpoint: stack.endpoints.dynamodb,
  region: "local",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});

const install = (file: string) =>
  promisify(execFile)(process.execPath, [
    "--import",
    "tsx",
    "scripts/catalog.ts",
    "install",
    file,
    "--table",
    table,
    "--endpoint",
    stack.endpoints.dynamodb,
  ])
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }));
const items = async () =>
  ((await db.send(new ScanCommand({ TableName: table }))).Items ?? []) as Record<string, unknown>[];

describe("npm run catalog -- install", () => {
  beforeAll(async () => {
    const catalog = model.tables.find((t) => t.service === "catalog")!;
    await createTable(dynamodb, table, catalog.definition.indexes);
  });
  afterAll(async () => {
    await dynamodb.send(new DeleteTableCommand({ TableName: table }));
    dynamodb.destroy();
  });

  it("writes the file's city center with its center.registered event, and only once", async () => {
    // Act
    const first = await install(SEED);
    const written = await items();
    const again = await install(SEED);
    // Assert
    expect(first.code, first.stderr).toBe(0);
    const id = /^installed the city center 北京市政务服务中心: (ctr_[0-9A-Z]{26})$/m.exec(first.stdout)?.[1];
    expect(id).toBeDefined();
    const center = written.find((i) => i.entity === "center");
    expect(center).toMatchObject({ id, name: "北京市政务服务中心", level: "city" });
    expect(center!.parentId).toBeUndefined();
    const events = written.filter((i) => i.entity === "event");
    expect(events.map((e) => e.type)).toEqual(["center.registered"]);
    expect(events[0]).toMatchObject({ subject: id, actor: { id: "system:install", role: "admin" } });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`the city center 北京市政务服务中心 is already installed: ${id}`);
    expect(await items()).toHaveLength(written.length);
  }, 120_000);

  it("refuses a file without one root, and a deployment whose city center is another", async () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), "catalog-install-"));
    const lines = readFileSync(SEED, "utf8").split("\n");
    const city = JSON.parse(lines[0]!) as Record<string, unknown>;
    try {
      writeFileSync(
        join(dir, "two.jsonl"),
        [JSON.stringify({ ...city, name: "另一个市中心" }), ...lines].join("\n"),
      );
      writeFileSync(join(dir, "other.jsonl"), [JSON.stringify({ ...city, name: "另一个市中心" })].join("\n"));
      // Act
      const two = await install(join(dir, "two.jsonl"));
      const other = await install(join(dir, "other.jsonl"));
      // Assert
      expect(two.code).toBe(1);
      expect(two.stderr).toMatch(/the file has 2 centers without a parent \(lines 1, 2\)/);
      expect(other.code).toBe(1);
      expect(other.stderr).toMatch(
        /the deployment's city center is 北京市政务服务中心 \(ctr_.+\), not 另一个市中心/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
