import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpApi, type Api } from "../../scripts/catalog/api.ts";
import { importCatalog, type ImportReport } from "../../scripts/catalog/import.ts";
import { formatCatalog, parseCatalog } from "../../scripts/catalog/records.ts";
import { readSnapshot } from "../../scripts/catalog/snapshot.ts";
import { startOwnStack, type OwnStack } from "./support/own-stack.ts";

/**
 * Reference data in and out through the API (issue 23, point 4), on stacks of this file's own: the suite's shared
 * stack holds what other files made. Done when "the seed exported, imported into an empty stack and exported again is
 * identical".
 */
const SEED_FILE = "infra/local/seed/catalog.jsonl";
const seedText = readFileSync(SEED_FILE, "utf8");

let seededExport: string;
let empty: OwnStack;
let api: Api;

const exportOf = async (target: Api) => formatCatalog((await readSnapshot(target)).records);
const importText = (text: string, dryRun = false) =>
  importCatalog(api, parseCatalog(text), { dryRun, file: "test.jsonl" });
const totals = (report: ImportReport) =>
  Object.values(report.counts).reduce(
    (sum, c) => ({
      created: sum.created + c.created,
      updated: sum.updated + c.updated,
      unchanged: sum.unchanged + c.unchanged,
      failed: sum.failed + c.failed,
    }),
    { created: 0, updated: 0, unchanged: 0, failed: 0 },
  );
/** The seed file with one line replaced: `edit` gets the record and answers the new one. */
const withLine = (text: string, match: string, edit: (r: Record<string, unknown>) => unknown) =>
  text
    .split("\n")
    .map((line) =>
      line.includes(match) ? JSON.stringify(edit(JSON.parse(line) as Record<string, unknown>)) : line,
    )
    .join("\n");

beforeAll(async () => {
  // The seed as `npm start` writes it (fixed ids, straight through the use cases), exported through the API.
  const seeded = await startOwnStack();
  try {
    seededExport = await exportOf(httpApi(seeded.info.url, await seeded.token("cityAdmin")));
  } finally {
    await seeded.stop();
  }
  // An empty stack: only what installing the system creates, the city center (the API never registers it).
  process.env.LOCAL_SEED = "installation";
  try {
    empty = await startOwnStack();
  } finally {
    delete process.env.LOCAL_SEED;
  }
  api = httpApi(empty.info.url, await empty.token("cityAdmin"));
}, 240_000);

afterAll(async () => {
  await empty?.stop();
});

describe("npm run catalog: the seed in and out through the API (issue 23)", () => {
  it("exports the seeded stack as exactly the seed file", () => {
    expect(seededExport).toBe(seedText);
  });

  it("dry-runs an import into the empty stack: says what it would create, writes nothing", async () => {
    // Act
    const report = await importText(seededExport, true);
    // Assert
    expect(report.dryRun).toBe(true);
    expect(totals(report)).toEqual({ created: 261, updated: 0, unchanged: 1, failed: 0 });
    expect((await readSnapshot(api)).records).toHaveLength(1);
  });

  it("imports the export into the empty stack, and exports it again identical", async () => {
    // Act
    const report = await importText(seededExport);
    // Assert
    expect(report.outcomes.filter((o) => o.action === "failed")).toEqual([]);
    expect(report.counts.center).toEqual({ created: 8, updated: 0, unchanged: 1, failed: 0 });
    expect(report.counts.item.created).toBe(48);
    expect(report.counts.staff.created).toBe(48);
    expect(await exportOf(api)).toBe(seededExport);
  }, 180_000);

  it("re-imports with every row unchanged", async () => {
    const report = await importText(seededExport);
    expect(totals(report)).toEqual({ created: 0, updated: 0, unchanged: 262, failed: 0 });
  }, 120_000);

  it("updates a changed field through the update routes; a guide gets a new version only when it differs", async () => {
    // Arrange: a window's languages, a guide's committed limit, and a clerk's duty (an assignment filing, art. 46),
    // qualification level (the exam) and training (art. 49).
    let changed = withLine(
      seededExport,
      '"record":"window","center":"北京市海淀区政务服务中心","code":"A02"',
      (w) => ({
        ...w,
        languages: ["zh", "en", "ja"],
      }),
    );
    changed = withLine(changed, '"record":"item","code":"HD-SCJG-0001"', (i) => ({
      ...i,
      guide: { ...(i.guide as object), committedLimitDays: 3 },
    }));
    changed = withLine(changed, '"name":"任丽"', (s) => ({
      ...s,
      duty: "综合咨询、帮办代办",
      qualificationLevel: 4,
      training: [{ date: "2026-03-02", topic: "政务服务礼仪与帮办代办", hours: 4 }],
    }));
    const lineOf = (match: string) => changed.split("\n").findIndex((l) => l.includes(match)) + 1;
    // Act
    const dry = await importText(changed, true);
    const unchangedAfterDryRun = await exportOf(api);
    const report = await importText(changed);
    const again = await importText(changed);
    // Assert
    expect(unchangedAfterDryRun).toBe(seededExport);
    for (const r of [dry, report])
      expect(r.outcomes.filter((o) => o.action === "updated")).toEqual([
        expect.objectContaining({ line: lineOf('"code":"HD-SCJG-0001"'), kind: "item", fields: ["guide"] }),
        expect.objectContaining({ line: lineOf('"code":"A02"'), kind: "window", fields: ["languages"] }),
        expect.objectContaining({
          line: lineOf('"name":"任丽"'),
          kind: "staff",
          fields: ["duty", "qualificationLevel", "training"],
        }),
      ]);
    expect(totals(again)).toEqual({ created: 0, updated: 0, unchanged: 262, failed: 0 });
    const item = (await readSnapshot(api)).get("item", "HD-SCJG-0001")!;
    expect(item.guideVersion).toBe(2);
    expect(await exportOf(api)).toBe(changed);
  }, 180_000);

  it("fails a row changing what the API cannot change, naming the field, and changes nothing of it", async () => {
    // Arrange: a station's address (stations have no update route) and an item's name with its guide changed too.
    const before = await exportOf(api);
    const changed = withLine(
      withLine(before, '"name":"欧美汇购物中心政务服务站"', (s) => ({
        ...s,
        address: "北京市海淀区丹棱街1号",
      })),
      '"record":"item","code":"HD-SCJG-0001"',
      (i) => ({
        ...i,
        name: "食品经营许可（新办，更名）",
        guide: { ...(i.guide as object), committedLimitDays: 4 },
      }),
    );
    // Act
    const report = await importText(changed);
    // Assert
    expect(report.outcomes.filter((o) => o.action !== "unchanged")).toEqual([
      expect.objectContaining({
        kind: "station",
        action: "failed",
        issues: [expect.objectContaining({ path: ["address"] })],
      }),
      expect.objectContaining({
        kind: "item",
        action: "failed",
        issues: [expect.objectContaining({ path: ["name"] })],
      }),
    ]);
    expect(await exportOf(api)).toBe(before);
  }, 120_000);

  it("reports bad rows with their line and field, and leaves nothing of them behind", async () => {
    // Arrange: a station with a malformed phone; a window serving an item on the center's negative list (art. 18); a
    // staff member at that window; a township center whose hours leave out the legal hours (the API refuses it on its
    // policy, art. 10); and its administrator.
    const before = await exportOf(api);
    const person = { role: "clerk", duty: "综合受理", employmentType: "contract", stationedOn: "2026-01-05" };
    const rows = [
      {
        record: "station",
        center: "北京市海淀区中关村街道政务服务中心",
        name: "测试社区政务服务站",
        kind: "community",
        address: "北京市海淀区测试路1号",
        phone: "12-34",
      },
      {
        record: "window",
        center: "北京市海淀区政务服务中心",
        code: "Z01",
        items: ["HD-SCJG-0001", "HD-BDC-0001"],
        type: "generalAcceptance",
      },
      { record: "staff", center: "北京市海淀区政务服务中心", name: "测试甲", window: "Z01", ...person },
      {
        record: "center",
        name: "北京市海淀区测试镇政务服务中心",
        level: "township",
        kind: "comprehensive",
        parent: "北京市海淀区政务服务中心",
        address: "北京市海淀区测试镇1号",
        consultationPhone: "010-62000000",
        hours: { workingDays: [{ from: "10:00", to: "12:00" }] },
      },
      { record: "staff", center: "北京市海淀区测试镇政务服务中心", name: "测试乙", ...person, role: "admin" },
    ];
    const text = before + rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
    const first = before.split("\n").length; // the line of the first added row
    // Act
    const report = await importText(text);
    // Assert
    const failed = report.outcomes.filter((o) => o.action === "failed");
    expect(failed.map((o) => [o.line, o.kind, o.issues![0]!.path])).toEqual([
      [first, "station", ["phone"]],
      [first + 1, "window", ["items", 1]],
      [first + 2, "staff", ["window"]],
      [first + 3, "center", ["hours", "workingDays"]],
      [first + 4, "staff", ["center"]],
    ]);
    expect(failed[1]!.issues![0]!.message).toBe("HD-BDC-0001 is on this center's negative list (art. 18)");
    expect(failed[2]!.issues![0]!.message).toBe(
      `line ${first + 1} (window 北京市海淀区政务服务中心 / Z01) failed`,
    );
    // The API's problem+json detail, under the field it names.
    expect(failed[3]!.issues![0]!.message).toMatch(/^422 The legal working hours .* — must cover/);
    expect(totals(report)).toEqual({ created: 0, updated: 0, unchanged: 262, failed: 5 });
    expect(await exportOf(api)).toBe(before);
  }, 120_000);

  it("runs as npm run catalog: export to a file, a dry run's report with the failed row, exit status 1", async () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), "catalog-cli-"));
    const cli = (...args: string[]) =>
      promisify(execFile)(process.execPath, [
        "--import",
        "tsx",
        "scripts/catalog.ts",
        ...args,
        "--api",
        empty.info.url,
        "--local",
      ])
        .then(({ stdout }) => ({ code: 0, stdout }))
        .catch((e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }));
    try {
      const out = join(dir, "catalog.jsonl");
      // Act
      const exported = await cli("export", "--out", out);
      const text = readFileSync(out, "utf8");
      writeFileSync(
        join(dir, "bad.jsonl"),
        `${text}{"record":"department","center":"北京市海淀区政务服务中心"}\n`,
      );
      const dry = await cli("import", join(dir, "bad.jsonl"), "--dry-run");
      // Assert
      expect(exported.code).toBe(0);
      expect(text).toBe(await exportOf(api));
      expect(dry.code).toBe(1);
      expect(dry.stdout).toContain("Dry run: nothing written");
      expect(dry.stdout).toMatch(/department\s+0\s+0\s+15\s+1/);
      expect(dry.stdout).toContain(`line ${text.split("\n").length}, name: `);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
