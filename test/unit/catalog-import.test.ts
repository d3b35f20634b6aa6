import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatReport } from "../../scripts/catalog.ts";
import type { ImportReport } from "../../scripts/catalog/import.ts";
import { formatCatalog, keyOf, parseCatalog, RECORD_KINDS } from "../../scripts/catalog/records.ts";

const line = (value: unknown) => JSON.stringify(value);
const department = { record: "department", center: "北京市海淀区政务服务中心", name: "海淀区民政局" };
const window = {
  record: "window",
  center: "北京市海淀区政务服务中心",
  code: "A01",
  type: "generalConsultation",
};
const guide = {
  conditions: ["年满18周岁"],
  materials: [{ name: "申请表", required: true }],
  procedure: ["申请", "审核"],
  statutoryLimitDays: 20,
  committedLimitDays: 10,
  deliveryMethods: ["window"],
};
const item = {
  record: "item",
  code: "HD-MZ-9001",
  center: "北京市海淀区政务服务中心",
  department: "海淀区民政局",
  name: "测试事项",
  level: "district",
  guide,
};

describe("the catalog file (issue 23): one record a line, references by code", () => {
  it("reads each record canonically: the key first, defaults filled in, blank lines and # comments skipped", () => {
    // Act
    const { rows, issues } = parseCatalog(
      ["# the demo center's windows", "", line({ ...window, languages: ["zh"] })].join("\n"),
    );
    // Assert
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      {
        line: 3,
        record: {
          record: "window",
          center: "北京市海淀区政务服务中心",
          code: "A01",
          items: [],
          type: "generalConsultation",
          languages: ["zh"],
          status: "open",
        },
      },
    ]);
    expect(Object.keys(rows[0]!.record)).toEqual([
      "record",
      "center",
      "code",
      "items",
      "type",
      "languages",
      "status",
    ]);
    expect(keyOf(rows[0]!.record)).toBe("北京市海淀区政务服务中心 / A01");
  });

  it("names the line and the field of each problem", () => {
    // Arrange
    const text = [
      line(department),
      "{not json",
      line({ ...department, record: "office" }),
      line({ ...window, adress: "海淀区" }),
      line({
        ...item,
        guide: { ...guide, materials: [{ name: "申请表", required: false, tolerable: true }] },
      }),
      line({ ...item, level: "province" }),
      line({
        record: "staff",
        center: "北京市海淀区政务服务中心",
        name: "王伟",
        role: "clerk",
        duty: "综合受理",
        employmentType: "contract",
        stationedOn: "2026-02-30",
        phone: "12345",
      }),
    ].join("\n");
    // Act
    const { rows, issues } = parseCatalog(text);
    // Assert
    expect(rows.map((r) => r.line)).toEqual([1]);
    expect(issues.map((i) => [i.line, i.path])).toEqual([
      [2, []],
      [3, ["record"]],
      [4, ["adress"]],
      [5, ["guide", "materials", 0, "tolerable"]],
      [6, ["level"]],
      [7, ["stationedOn"]],
      [7, ["phone"]],
    ]);
    expect(issues[0]!.message).toMatch(/^not JSON/);
    expect(issues[2]!.message).toBe("unknown field");
  });

  it("refuses a second record with the same key, naming the first line (the first stands)", () => {
    const { rows, issues, rejected } = parseCatalog(
      [line(department), line(window), line(department)].join("\n"),
    );
    expect(rows.map((r) => r.line)).toEqual([1, 2]);
    expect(issues).toEqual([{ line: 3, path: ["name"], message: "the same department as line 1" }]);
    expect(rejected).toEqual([{ line: 3, issues }]);
  });

  it("says what a malformed record names, so the rows referring to it fail with it", () => {
    const { rejected } = parseCatalog(line({ ...window, type: "vip" }));
    expect(rejected).toEqual([
      {
        line: 1,
        kind: "window",
        key: "北京市海淀区政务服务中心 / A01",
        issues: [expect.objectContaining({ line: 1, path: ["type"] })],
      },
    ]);
  });

  it("formats records back to the same lines", () => {
    const text = [line(department), line(item)].join("\n");
    const { rows } = parseCatalog(text);
    const formatted = formatCatalog(rows.map((r) => r.record));
    expect(parseCatalog(formatted).rows.map((r) => r.record)).toEqual(rows.map((r) => r.record));
    expect(formatCatalog(parseCatalog(formatted).rows.map((r) => r.record))).toBe(formatted);
  });

  it("holds the local seed as a canonical file: every line valid, written as the export writes it", () => {
    // The seed file is the export of a seeded stack (test/integration/catalog-import.test.ts); here, that it reads.
    const text = readFileSync("infra/local/seed/catalog.jsonl", "utf8");
    const { rows, issues } = parseCatalog(text);
    expect(issues).toEqual([]);
    expect(formatCatalog(rows.map((r) => r.record))).toBe(text);
    const kinds = rows.map((r) => RECORD_KINDS.indexOf(r.record.record));
    expect(kinds).toEqual([...kinds].sort((a, b) => a - b)); // dependency order
  });
});

describe("the import's report", () => {
  it("counts per record type and lists each failed row with its line, field and the API's detail", () => {
    // Arrange
    const zero = { created: 0, updated: 0, unchanged: 0, failed: 0 };
    const report: ImportReport = {
      dryRun: false,
      counts: {
        ...(Object.fromEntries([...RECORD_KINDS, "unknown"].map((k) => [k, zero])) as ImportReport["counts"]),
        window: { created: 1, updated: 1, unchanged: 40, failed: 1 },
      },
      outcomes: [
        { line: 7, kind: "window", key: "海淀 / A02", action: "updated", fields: ["languages"] },
        {
          line: 9,
          kind: "window",
          key: "海淀 / Z01",
          action: "failed",
          issues: [
            {
              path: ["items", 0],
              message: "422 A window cannot serve an item on this center's negative list",
            },
          ],
        },
      ],
    };
    // Act
    const text = formatReport(report);
    // Assert
    expect(text).toContain("  window              1         1        40         1");
    expect(text).not.toContain("station");
    expect(text).toContain("updated  line 7 window 海淀 / A02: languages");
    expect(text).toContain(
      "FAILED   window 海淀 / Z01, line 9, items.0: 422 A window cannot serve an item on this center's negative list",
    );
  });
});
