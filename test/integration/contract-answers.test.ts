import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { model } from "#infra/manifest.ts";
import { allResponses } from "#shared/http/chain-responses.ts";
import type { RouteDefinition } from "#shared/manifest/types.ts";
import { undescribedMember } from "../support/undescribed-member.ts";
import { ANSWERS_DIR } from "./global-setup.ts";

/**
 * Issue 16: every answer the integration suite received, held against the contract. The stacks record each answer of
 * a route (`RECORD_ANSWERS_DIR`); this file runs last (the sequencer) and reads them all. An answer fails when its
 * status is not in the contract for its route, when it has a body the contract does not describe (a media type it does
 * not list, or no schema at all), when its body does not match the documented schema, or when the body has a field
 * the schema does not name (problem bodies excepted: RFC 9457 allows extension members).
 */

interface Answer {
  route: string;
  status: number;
  contentType?: string;
  body?: string;
}

function recordedAnswers(): Answer[] {
  if (!existsSync(ANSWERS_DIR)) return [];
  return readdirSync(ANSWERS_DIR)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) =>
      readFileSync(join(ANSWERS_DIR, f), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Answer),
    );
}

const routes = new Map<string, RouteDefinition>(model.routes.map((r) => [r.route.key, r.route]));
const fallback = model.fallback.route;

describe("every answer of the integration suite against the contract (issue 16)", () => {
  const answers = recordedAnswers();

  it("saw the suite's answers", () => {
    expect(
      answers.length,
      "run the whole integration suite: this file checks what the others received",
    ).toBeGreaterThan(1000);
  });

  it("gives only statuses the contract lists for the route", () => {
    const undocumented = new Map<string, number>();
    for (const a of answers) {
      const route = routes.get(a.route);
      const known = route
        ? String(a.status) in allResponses(route)
        : a.route === fallback.key && [404, 405, 413].includes(a.status);
      if (!known)
        undocumented.set(`${a.route} → ${a.status}`, (undocumented.get(`${a.route} → ${a.status}`) ?? 0) + 1);
    }
    expect([...undocumented.keys()].sort()).toEqual([]);
  });

  it("matches the documented body, with no member the contract does not name", () => {
    const mismatches = new Set<string>();
    let described = 0;
    for (const a of answers) {
      const route = routes.get(a.route);
      const spec = route ? allResponses(route)[a.status] : undefined;
      if (!route || !spec) continue;
      if (!spec.schema) {
        if (a.body) mismatches.add(`${a.route} → ${a.status}: a body the contract does not describe`);
        continue;
      }
      if (!a.body) continue;
      const media = a.contentType?.split(";")[0]?.trim() ?? "";
      if (!media.endsWith("json")) {
        // A CSV or HTML answer: the contract must list that media type beside the JSON one.
        if (!(media in (spec.alternatives ?? {})))
          mismatches.add(
            `${a.route} → ${a.status}: answered ${media || "without a type"}, not in the contract`,
          );
        continue;
      }
      const body = JSON.parse(a.body) as unknown;
      const parsed = spec.schema.safeParse(body);
      described++;
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        mismatches.add(`${a.route} → ${a.status}: ${issue.path.join(".")} ${issue.message}`);
        continue;
      }
      const extra = a.status >= 400 ? undefined : undescribedMember(body, parsed.data);
      if (extra) mismatches.add(`${a.route} → ${a.status}: ${extra} is not in the contract`);
    }
    console.info(`[contract] ${answers.length} answers; ${described} checked against a schema`);
    expect([...mismatches].sort()).toEqual([]);
  });
});
