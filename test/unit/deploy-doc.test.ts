import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONTEXT_KEYS, TARGETS, type ContextKey } from "#infra/aws/context.ts";
import { contextTable, formattedDeployDoc, withContextTable } from "../../scripts/deploy-doc.ts";

const committed = () => readFileSync("docs/deploy.md", "utf8");
const rows = (table: string) => table.split("\n").filter((l) => l.startsWith("| `"));

describe("docs/deploy.md", () => {
  it("holds the context table infra/aws/context.ts generates (run `npm run docs` after changing a context key)", async () => {
    expect(committed()).toBe(await formattedDeployDoc(committed()));
  });

  it("lists every context key once, with its default for each target it applies to", () => {
    const table = rows(contextTable());
    expect(table).toHaveLength(CONTEXT_KEYS.length);
    for (const key of CONTEXT_KEYS) {
      const row = table.filter((l) => l.startsWith(`| \`${key.key}\` |`));
      expect(row, key.key).toHaveLength(1);
      const cells = row[0]!.split(/(?<!\\) \| /);
      TARGETS.forEach((target, i) => {
        const cell = cells[i + 1]!;
        if (!key.targets.includes(target)) expect(cell, `${key.key} ${target}`).toBe("not used");
        else
          expect(cell.replace(/`/g, ""), `${key.key} ${target}`).toBe(
            (key.defaults[target] ?? "—").replace(/`/g, ""),
          );
      });
    }
  });

  it("keeps the table a table when a description holds a pipe or a line break", () => {
    const key: ContextKey = {
      key: "example",
      defaults: { aws: "a | b" },
      targets: ["aws"],
      description: "one\nor | the other",
    };

    expect(rows(contextTable([key]))).toEqual(["| `example` | a \\| b | not used | one or \\| the other |"]);
  });

  it("replaces only what lies between its markers, and refuses a guide that has lost them", () => {
    const guide = committed();
    const replaced = withContextTable(guide, []);
    const before = guide.slice(0, guide.indexOf("<!-- context-keys:start"));
    const after = guide.slice(guide.indexOf("<!-- context-keys:end -->"));

    expect(replaced.startsWith(before)).toBe(true);
    expect(replaced.endsWith(after)).toBe(true);
    expect(rows(replaced.slice(before.length, replaced.length - after.length))).toEqual([]);
    expect(() => withContextTable("# Deploying\n")).toThrow(/lost its table markers/);
  });

  it("documents each operator command it tells the deployer to run", () => {
    const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
    const named = [...committed().matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]!);

    expect(new Set(named)).toEqual(
      new Set(["docs", "users", "catalog", "smoke", "redrive", "synth", "build:web"]),
    );
    for (const name of named) expect(scripts, name).toHaveProperty(name);
  });
});
