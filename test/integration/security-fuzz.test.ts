import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "#shared/auth/roles.ts";
import type { RouteDefinition } from "#shared/manifest/types.ts";
import { signedHeaders } from "#shared/webhooks/signature.ts";
import { model } from "#infra/manifest.ts";
import { givenItem } from "./support/factories.ts";
import {
  arbitraryFromZod,
  contentTypes,
  generatedId,
  headerText,
  ID_PREFIXES,
  idFor,
  invalidJson,
  mutation,
  nastyStrings,
  pollute,
  junkValue,
  type IdPool,
} from "./support/fuzz.ts";
import { as, drain, request, stack } from "./support/api.ts";
import { seeded } from "./support/seed.ts";

/**
 * Issue 10, "Fuzzing": generated and mutated bodies, headers, paths and queries against every route of the manifest —
 * never a 5xx, and every error is problem+json (DESIGN.md "HTTP API": bad input is always a 4xx).
 *
 * The requests act inside a center this file registers for itself (with its own item and department), so valid
 * mutations change nothing the other files rely on. Tokens carry a role the route allows, so most requests get past
 * the role check into validation and the use cases; some carry a broken token instead.
 */

/** Runs per route; FUZZ_RUNS and FUZZ_SEED (printed with a counterexample) replay or widen a run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

let center: string;
let department: string;
let item: string;
const tokens = new Map<Role, string>();
const pool: IdPool = {};

async function mint(body: Record<string, unknown>): Promise<string> {
  const res = await request("POST", "/_local/token", { body: { ...body, expiresInSeconds: 86_400 } });
  if (res.status !== 200) throw new Error(`token: ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** Messages in every dead-letter queue: what the requests set in motion must be applied, not dead-lettered. */
/**
 * What each dead-letter queue holds, visible or not: an earlier file may leave messages there that a replay has just
 * received (hidden for its visibility timeout), and whether they show must not decide this file's verdict.
 */
async function deadLetters(): Promise<Record<string, number>> {
  const res = await request("GET", "/_local/queues");
  const queues = res.body as Record<string, { messages: number; inFlight: number }>;
  return Object.fromEntries(
    Object.entries(queues)
      .filter(([name]) => name.endsWith("-dlq"))
      .map(([name, q]) => [name, q.messages + q.inFlight]),
  );
}
let deadLettersBefore: Record<string, number>;

beforeAll(async () => {
  await drain();
  deadLettersBefore = await deadLetters();
  const registered = await as("admin").post("/v1/centers", {
    name: `模糊测试街道政务服务中心${Math.random().toString(36).slice(2, 7)}`,
    level: "subdistrict",
    kind: "comprehensive",
    parentId: seeded.haidian,
    address: "北京市海淀区模糊路1号",
    consultationPhone: "010-62345678",
    hours: { workingDays: [{ from: "09:00", to: "17:00" }] },
  });
  if (registered.status !== 201) throw new Error(`center: ${JSON.stringify(registered.body)}`);
  center = registered.body.id as string;
  const admin = await mint({ role: "admin", centerId: center, sub: "usr_fuzz_admin" });
  const dep = await request("POST", `/v1/centers/${center}/departments`, {
    token: admin,
    body: { name: "模糊测试局" },
  });
  if (dep.status !== 201) throw new Error(`department: ${JSON.stringify(dep.body)}`);
  department = dep.body.id as string;
  item = (await givenItem()).id;
  Object.assign(pool, {
    centerId: [center],
    homeCenterId: [center],
    parentId: [center],
    departmentId: [department],
    itemId: [item],
  });
  for (const role of ["applicant", "clerk", "approver", "chiefRep", "admin", "supervisor"] as const) {
    tokens.set(
      role,
      role === "admin"
        ? admin
        : await mint({
            role,
            sub: `usr_fuzz_${role}`,
            ...(role === "applicant" ? {} : { centerId: center }),
            ...(role === "approver" || role === "chiefRep" ? { departmentId: department } : {}),
          }),
    );
  }
});

/** A path parameter: a real id, a well-formed id naming nothing, or garbage (encoded or raw). */
function paramValue(name: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: idFor(name, pool) },
    { weight: 1, arbitrary: generatedId() },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }), fc.constantFrom(...nastyStrings))
        .filter((s) => s.length > 0)
        .map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/gu, "?"))),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "%E0%A4%A",
        "%",
        "%zz",
        "%C0%AF",
        "%00",
        "a".repeat(5000),
        "null",
        "undefined",
        "__proto__",
        "2026-02-30",
        "2026-05-20",
        `${ID_PREFIXES.centerId}_01JSEED0000000000000000001`,
      ),
    },
  );
}

function pathArbitrary(route: RouteDefinition): fc.Arbitrary<string> {
  const names = [...route.path.matchAll(/\{([^}+]+)\}/g)].map((m) => m[1]!);
  if (!names.length) return fc.constant(route.path);
  return fc
    .tuple(...names.map((n) => (n === "date" ? fc.oneof(dateParam, paramValue(n)) : paramValue(n))))
    .map((values) => names.reduce((path, n, i) => path.replace(`{${n}}`, values[i]!), route.path));
}

const dateParam = fc.integer({ min: 0, max: 120 }).map((d) => {
  const t = new Date(Date.parse("2026-05-01T00:00:00Z") + d * 86_400_000);
  return t.toISOString().slice(0, 10);
});

function queryArbitrary(route: RouteDefinition): fc.Arbitrary<string> {
  const valid = route.query
    ? arbitraryFromZod(route.query, pool).map((q) =>
        Object.entries((q ?? {}) as Record<string, unknown>).map(
          ([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)] as [string, string],
        ),
      )
    : fc.constant([] as [string, string][]);
  const junkPair = fc.tuple(
    fc.oneof(
      fc.constantFrom("cursor", "limit", "from", "to", "centerId", "state", "level", "q", "__proto__"),
      fc.string({ minLength: 1, maxLength: 10 }),
    ),
    fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(...nastyStrings),
      fc.constantFrom(
        "-1",
        "0",
        "101",
        "1e9",
        "abc",
        "1.5",
        "eyJ4IjoxfQ",
        "e30",
        "W10",
        "bnVsbA",
        "x".repeat(3000),
      ),
      fc
        .jsonValue({ maxDepth: 2 })
        .map((v) => Buffer.from(JSON.stringify(v) ?? "null").toString("base64url")),
    ),
  );
  return fc.tuple(valid, fc.array(junkPair, { maxLength: 3 }), fc.boolean()).map(([pairs, junk, repeat]) => {
    const all = [...pairs, ...junk, ...(repeat && pairs[0] ? [pairs[0]] : [])];
    return all.length ? `?${new URLSearchParams(all).toString()}` : "";
  });
}

interface BodyCase {
  text?: string;
  contentType?: string;
}

function bodyArbitrary(route: RouteDefinition): fc.Arbitrary<BodyCase> {
  if (route.method === "GET") return fc.constant({});
  const valid = route.body ? arbitraryFromZod(route.body, pool) : fc.constant({});
  const json = (v: unknown) => ({ text: JSON.stringify(v) ?? "null", contentType: "application/json" });
  return fc.oneof(
    { weight: 3, arbitrary: valid.map(json) },
    { weight: 6, arbitrary: fc.tuple(valid, mutation).map(([v, m]) => json(m(v))) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, mutation, pollute)
        .map(([v, m, p]) => ({ text: p(JSON.stringify(m(v)) ?? "{}"), contentType: "application/json" })),
    },
    { weight: 1, arbitrary: junkValue.map(json) },
    { weight: 1, arbitrary: invalidJson.map((text) => ({ text, contentType: "application/json" })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, contentTypes)
        .map(([v, contentType]) => ({ text: JSON.stringify(v) ?? "null", contentType })),
    },
    {
      weight: 1,
      arbitrary: fc.constant({ text: "x".repeat(1024 * 1024 + 1), contentType: "application/json" }),
    },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

/** The token most runs carry (a role the route allows), or a broken one. */
function authArbitrary(route: RouteDefinition): fc.Arbitrary<string | undefined> {
  const allowed =
    route.auth === "public"
      ? fc.constant(undefined)
      : fc.constantFrom(...route.auth).map((r) => tokens.get(r));
  const broken = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.", "null", "", "a.b.c"),
    headerText(60),
    fc.constantFrom(...tokens.values()).map((t) => `${t.slice(0, -4)}AAAA`),
  );
  return fc.oneof({ weight: 8, arbitrary: allowed }, { weight: 1, arbitrary: broken });
}

const extraHeaders = fc.record(
  {
    "idempotency-key": fc.oneof(
      fc.uuid(),
      headerText(40),
      fc.constant("k".repeat(300)),
      fc.constant(""),
      fc.constant("dup"),
    ),
    "x-correlation-id": fc.oneof(headerText(200), fc.uuid()),
    accept: fc.constantFrom("application/json", "text/html", "*/*", "application/xml"),
    "x-hotline-timestamp": fc.oneof(headerText(20), fc.integer().map(String)),
    "x-hotline-signature": fc.oneof(headerText(80), fc.constant(`sha256=${"0".repeat(64)}`)),
  },
  { requiredKeys: [] },
);

interface Sent {
  method: string;
  path: string;
  query: string;
  body: BodyCase;
  token?: string;
  scheme: string;
  headers: Record<string, string>;
  sign: boolean;
}

async function send(route: RouteDefinition, c: Sent) {
  const headers: Record<string, string> = { ...c.headers };
  if (c.body.contentType !== undefined && c.body.text !== undefined)
    headers["content-type"] = c.body.contentType;
  if (c.token !== undefined) headers.authorization = `${c.scheme}${c.token}`;
  if (c.sign && route.signedBy) {
    const now = new Date((await request("GET", "/_local/clock")).body.now as string);
    Object.assign(
      headers,
      signedHeaders(stack.hotlineSecret, c.body.text ?? "", now, `dlv-fuzz-${Math.random()}`),
    );
  }
  const res = await fetch(`${stack.url}${c.path}${c.query}`, {
    method: c.method,
    headers,
    body: c.body.text,
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text };
}

function caseArbitrary(route: RouteDefinition): fc.Arbitrary<Sent> {
  return fc
    .record({
      method: fc.oneof(
        { weight: 19, arbitrary: fc.constant(route.method) },
        { weight: 1, arbitrary: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE") },
      ),
      path: pathArbitrary(route),
      query: fc.oneof(
        { weight: 3, arbitrary: fc.constant("") },
        { weight: 2, arbitrary: queryArbitrary(route) },
      ),
      body: bodyArbitrary(route),
      token: authArbitrary(route),
      scheme: fc.oneof(
        { weight: 9, arbitrary: fc.constant("Bearer ") },
        { weight: 1, arbitrary: fc.constantFrom("bearer ", "Basic ", "Bearer  ", "") },
      ),
      headers: fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extraHeaders }),
      sign: fc.oneof(
        { weight: 3, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
    })
    .map((c) => (c.method === "GET" ? { ...c, body: {} } : c))
    .map((c) => Object.assign(c, { [fc.toStringMethod]: () => describeCase(c) }));
}

/** A counterexample as one readable line (bodies of a megabyte and whole tokens shortened). */
function describeCase(c: Sent): string {
  const short = (s: string | undefined, n = 300) =>
    s === undefined ? "none" : s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s;
  return JSON.stringify({
    ...c,
    body: { contentType: c.body.contentType, text: short(c.body.text) },
    token: short(c.token, 12),
  });
}

describe("fuzzing every route of the manifest (never a 5xx, errors are problem+json)", () => {
  it("covers every route", () => {
    expect(model.routes.length).toBeGreaterThan(100);
  });

  it.each(model.routes.map((r) => [r.route.key, r.route] as const))("%s", async (_, route) => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary(route), async (c) => {
        const res = await send(route, c);
        const where = `${c.method} ${c.path}${c.query} → ${res.status} ${res.text.slice(0, 300)}`;
        expect(res.status, where).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.contentType, where).toContain("application/problem+json");
          const problem = JSON.parse(res.text) as { status: number; type: string; title: string };
          expect(problem.status, where).toBe(res.status);
          expect(problem.type, where).toMatch(/^urn:govservice:problem:/);
        }
      }),
      { numRuns: RUNS, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) },
    );
  });

  it("leaves the system healthy and no event in a dead-letter queue because of it", async () => {
    await drain();
    expect(await deadLetters()).toEqual(deadLettersBefore);
    const health = await request("GET", "/v1/health");
    expect(health.body).toEqual({ status: "ok" });
  });
});
