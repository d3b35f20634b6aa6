import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { model } from "#infra/manifest.ts";

/**
 * docs/articles.md maps each article to what the system does, where (routes and events) and the test that shows it
 * (issue 17). The table stays true: every route, event and test it names exists.
 */
const rows = readFileSync("docs/articles.md", "utf8")
  .split("\n")
  .filter((line) => line.startsWith("| ") && !line.startsWith("| Article") && !line.startsWith("| ---"))
  .map((line) => line.split("|").map((cell) => cell.trim()))
  .map(([, article, what, where, test]) => ({ article: article!, what: what!, where: where!, test: test! }));

const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const routeKeys = new Set(model.routes.map((r) => r.route.key));
const eventTypes = new Set((model.events as { event: { type: string } }[]).map((e) => e.event.type));

describe("docs/articles.md", () => {
  it("has a row per article the system enforces", () => {
    expect(rows.length).toBeGreaterThan(20);
  });

  it.each(rows.map((r) => [r.article, r] as const))(
    "article %s: names routes and events that exist",
    (_, row) => {
      const named = ticked(row.where);
      expect(named.length, "where: at least one route or event").toBeGreaterThan(0);
      for (const name of named) {
        if (/^(GET|POST|PUT|PATCH|DELETE) \//.test(name)) expect(routeKeys, name).toContain(name);
        else expect(eventTypes, name).toContain(name);
      }
    },
  );

  it.each(rows.map((r) => [r.article, r] as const))("article %s: names tests that exist", (_, row) => {
    const tests = ticked(row.test);
    expect(tests.length, "at least one test").toBeGreaterThan(0);
    for (const file of tests) expect(existsSync(file), file).toBe(true);
  });
});
