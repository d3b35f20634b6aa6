import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem, type } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "#infra/aws/constructs/service-function.ts";
import type { AcceptanceFigures } from "./acceptance.bench.ts";
import type { BundleFigure, StackFloor } from "./bundles.bench.ts";
import type { SweepFigures } from "./clock-sweep.bench.ts";
import {
  ASSUMPTIONS,
  extrasPerMillionCases,
  PRICES,
  smsParts,
  SQS_REQUESTS_PER_MESSAGE,
  type ExtrasCost,
} from "./cost.ts";
import { HISTORY, type Change } from "./history.ts";
import type { E2eFigures } from "./e2e.bench.ts";
import type { LifecycleFigures } from "./lifecycle.bench.ts";
import type { LoadFigures } from "./raw-txn.bench.ts";
import { relativeDifference, round } from "./stats.ts";

/** Results saved by a run (.local/bench/results.json), with the NaNs JSON turned into null restored. */
export function readResults(text: string): Results {
  const r = JSON.parse(text) as Results;
  for (const b of r.bundles ?? []) b.initMs = typeof b.initMs === "number" ? b.initMs : Number.NaN;
  return r;
}

/** Everything one run measured, and where: the input of the tables, the JSON line and docs/benchmarks.md. */
export interface Results {
  quick: boolean;
  settings: {
    concurrencies: number[];
    load: { warmupMs: number; durationMs: number };
    e2eSamples: number;
    lifecycleCases: number;
    acceptanceDecisions?: number;
    openClocks: number[];
    initRuns: number;
  };
  machine: Machine;
  startedAt: string;
  finishedAt?: string;
  raw?: LoadFigures[];
  submit?: LoadFigures[];
  acceptance?: AcceptanceFigures[];
  e2e?: E2eFigures;
  lifecycle?: LifecycleFigures;
  sweep?: SweepFigures[];
  bundles?: BundleFigure[];
  /** What the fixed stack bundles before any of the project's code (test/bench/floor/). */
  stackFloors?: StackFloor[];
  /** Parts that failed, with the error: their figures are null. */
  errors?: Record<string, string>;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  java: string;
  commit: string;
  /** 1-minute load average when the run started and when it ended: others' work on the machine skews the figures. */
  loadAverage: number[];
}

export function machine(started?: Machine): Machine {
  if (started) return { ...started, loadAverage: [...started.loadAverage, round(loadavg()[0]!)] };
  const cpu = cpus();
  // `java -version` writes to stderr.
  const firstLine = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { encoding: "utf8" });
    return (`${r.stdout ?? ""}${r.stderr ?? ""}`.trim().split("\n")[0] || "unknown").trim();
  };
  return {
    cpu: `${cpu[0]?.model.trim() ?? "unknown"}${cpu[0]?.speed ? ` @ ${cpu[0].speed} MHz` : ""}`,
    cores: cpu.length,
    memoryGiB: round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    java: firstLine("java", ["-version"]),
    commit: firstLine("git", ["rev-parse", "--short", "HEAD"]),
    loadAverage: [round(loadavg()[0]!)],
  };
}

const at = (figures: LoadFigures[] | undefined, c: number) => figures?.find((f) => f.concurrency === c);
const acceptanceAt = (r: Results, c: number, series: "center" | "window") =>
  r.acceptance?.find((f) => f.concurrency === c && f.series === series);
const sweepAt = (r: Results, open: number) => r.sweep?.find((s) => s.open === open);
const orNull = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? null : round(x));

/** The last stdout line: exactly these keys, null for what this run did not measure. */
export function summaryLine(r: Results) {
  const bundles = r.bundles ?? [];
  const inits = bundles.map((b) => b.initMs).filter(Number.isFinite);
  return {
    raw_txn_rps_c16: orNull(at(r.raw, 16)?.rps),
    raw_txn_p99_ms_c16: orNull(at(r.raw, 16)?.latency.p99),
    submit_rps_c16: orNull(at(r.submit, 16)?.rps),
    submit_p50_ms_c16: orNull(at(r.submit, 16)?.latency.p50),
    submit_p99_ms_c16: orNull(at(r.submit, 16)?.latency.p99),
    accept_rps_c16_center: orNull(acceptanceAt(r, 16, "center")?.rps),
    accept_rps_c64_center: orNull(acceptanceAt(r, 64, "center")?.rps),
    accept_rps_c64_window: orNull(acceptanceAt(r, 64, "window")?.rps),
    accept_5xx: r.acceptance
      ? r.acceptance.reduce((n, f) => n + (f.failures["500"] ?? 0) + (f.failures["502"] ?? 0), 0)
      : null,
    e2e_p50_ms: orNull(r.e2e?.fromSubmit.p50),
    e2e_p95_ms: orNull(r.e2e?.fromSubmit.p95),
    sweep_rcu_1k: orNull(sweepAt(r, 1000)?.readCapacity),
    sweep_rcu_50k: orNull(sweepAt(r, 50_000)?.readCapacity),
    lifecycle_wcu: orNull(r.lifecycle?.wcu),
    lifecycle_rcu: orNull(r.lifecycle?.rcu),
    lifecycle_events: orNull(r.lifecycle?.events),
    cost_usd_per_million_cases: orNull(r.lifecycle?.cost.total),
    messaging_usd_per_million_cases: orNull(caseExtras(r)?.cost.messaging),
    bundle_kib_max: orNull(bundles.length ? Math.max(...bundles.map((b) => b.kib)) : undefined),
    init_ms_max: orNull(inits.length ? Math.max(...inits) : undefined),
    // The runtime the figures were measured on (the Lambda runtime is Node 24)
    node_version: r.machine.node,
  };
}

export interface Target {
  target: string;
  measured: string;
  met: boolean | undefined;
}

/** The issue's targets, reported (never asserted): undefined when this run did not measure them. */
export function targets(r: Results): Target[] {
  const s = summaryLine(r);
  const list: Target[] = [];
  const raw16 = at(r.raw, 16);
  const sub16 = at(r.submit, 16);
  list.push({
    target: "submit throughput ≥ 50 % of the raw transaction floor, 16 in flight",
    measured:
      raw16 && sub16
        ? `${round(sub16.rps)} / ${round(raw16.rps)} req/s = ${pct(sub16.rps / raw16.rps)}`
        : "—",
    met: raw16 && sub16 ? sub16.rps >= 0.5 * raw16.rps : undefined,
  });
  list.push({
    target: "end-to-end p95 < 1 s (submit response → review task listable)",
    measured: s.e2e_p95_ms === null ? "—" : `${s.e2e_p95_ms} ms`,
    met: s.e2e_p95_ms === null ? undefined : s.e2e_p95_ms < 1000,
  });
  const small = r.sweep?.[0];
  const large = r.sweep && r.sweep.length > 1 ? r.sweep.at(-1) : undefined;
  const spread = small && large ? relativeDifference(small.readCapacity, large.readCapacity) : undefined;
  list.push({
    target: "sweep read capacity within 10 % between the smallest and largest open-clock counts",
    measured:
      small && large && spread !== undefined
        ? `${round(small.readCapacity)} RCU (${small.open.toLocaleString("en")}) vs ${round(large.readCapacity)} RCU (${large.open.toLocaleString("en")}): ${pct(spread)} apart`
        : "—",
    met: spread === undefined ? undefined : spread <= 0.1,
  });
  const bundles = r.bundles ?? [];
  const big = bundles.filter((b) => b.kib >= 300);
  list.push({
    target: "every handler bundle < 300 KiB",
    measured: bundles.length
      ? `largest ${s.bundle_kib_max} KiB; ${big.length} of ${bundles.length} at or over 300 KiB` +
        (r.stackFloors?.length
          ? `; the stack alone ${r.stackFloors.map((f) => `${round(f.kib)} KiB`).join(", with S3 ")}`
          : "")
      : "—",
    met: bundles.length ? big.length === 0 : undefined,
  });
  const slow = bundles.filter((b) => !(b.initMs < 100));
  list.push({
    target: "every handler initializes in < 100 ms",
    measured: bundles.length
      ? `slowest ${s.init_ms_max} ms; ${slow.length} of ${bundles.length} at or over 100 ms (or failing)`
      : "—",
    met: bundles.length ? slow.length === 0 : undefined,
  });
  // Issue 21: one case's writes and its infrastructure cost, by design
  list.push({
    target: "one case ≤ 90 write units (issue 21)",
    measured: s.lifecycle_wcu === null ? "—" : `${s.lifecycle_wcu} WCU`,
    met: s.lifecycle_wcu === null ? undefined : s.lifecycle_wcu <= 90,
  });
  list.push({
    target: "infrastructure ≤ $100 per million cases (issue 21)",
    measured: s.cost_usd_per_million_cases === null ? "—" : `$${s.cost_usd_per_million_cases}`,
    met: s.cost_usd_per_million_cases === null ? undefined : s.cost_usd_per_million_cases <= 100,
  });
  return list;
}

const pct = (x: number) => `${round(x * 100)} %`;
const verdict = (t: Target, bold = true) =>
  t.met === undefined ? "not measured" : t.met ? "met" : bold ? "**not met**" : "not met";

function loadRows(figures: LoadFigures[] | undefined) {
  return (figures ?? []).map((f) => ({
    "in flight": f.concurrency,
    "req/s": round(f.rps),
    "p50 ms": round(f.latency.p50),
    "p95 ms": round(f.latency.p95),
    "p99 ms": round(f.latency.p99),
    "max ms": round(f.latency.max),
    failures: Object.entries(f.failures)
      .map(([k, v]) => `${k}: ${v}`)
      .join(", "),
  }));
}

function sweepRows(r: Results) {
  return (r.sweep ?? []).map((s) => ({
    "open clocks": s.open,
    "due (read)": s.due,
    "warnings raised": s.raised,
    "sweep ms": Math.round(s.sweepMs),
    "read capacity (all reads)": round(s.readCapacity),
    "read capacity (due index)": round(s.indexReadCapacity),
    "write capacity": round(s.writeCapacity),
    "heap MB": Math.round(s.heapMb),
    "fill s": Math.round(s.fillSeconds),
  }));
}

function topBundles(r: Results, n: number, by: "kib" | "initMs") {
  return [...(r.bundles ?? [])]
    .sort((a, b) => (Number.isNaN(b[by]) ? 1 : 0) - (Number.isNaN(a[by]) ? 1 : 0) || b[by] - a[by])
    .slice(0, n)
    .map((b) => ({
      bundle: b.entry.replace(/\.handler\.ts$/, "").replace(/^services\//, ""),
      KiB: round(b.kib),
      "init ms (median)": Number.isFinite(b.initMs) ? round(b.initMs) : (b.error ?? "failed"),
      runs: b.initRuns.map((x) => Math.round(x)).join(" "),
    }));
}

/** The tables on stdout. */
export function printReport(r: Results): void {
  const m = r.machine;
  console.log(
    `\nGovService benchmarks${r.quick ? " (--quick)" : ""} — ${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.java}; load average ${m.loadAverage.join(" → ")}`,
  );
  if (r.raw) {
    console.log("\n1. Floor: a submission's TransactWriteItems into the intake table, straight from the SDK");
    console.table(loadRows(r.raw));
  }
  if (r.submit) {
    console.log("\n2. POST /v1/applications through the local HTTP server and the handler");
    console.table(loadRows(r.submit));
  }
  if (r.e2e) {
    console.log(
      `\n3. End to end, ${r.e2e.fromSubmit.count} cases one at a time (polling the API every 10 ms)`,
    );
    console.table({
      "submit response → task listable": latencyRow(r.e2e.fromSubmit),
      "acceptance response → task listable": latencyRow(r.e2e.fromAcceptance),
    });
  }
  if (r.sweep) {
    console.log("\n4. Clock sweep: the same 100 due clocks among more and more open ones");
    console.table(sweepRows(r));
  }
  if (r.lifecycle) {
    const l = r.lifecycle;
    console.log(`\n5. One full case (submit → accept → claim → decide → deliver → rate), mean of ${l.cases}`);
    console.table(lifecycleRows(l));
    console.table(costRows(l));
  }
  if (r.bundles) {
    console.log(`\n6. Handler bundles (${r.bundles.length}), largest and slowest to initialize`);
    console.table(topBundles(r, 5, "kib"));
    console.table(topBundles(r, 5, "initMs"));
  }
  for (const [part, error] of Object.entries(r.errors ?? {})) console.log(`\n${part} failed: ${error}`);
  console.log("\nTargets (reported, never asserted)");
  console.table(
    targets(r).map((t) => ({ target: t.target, measured: t.measured, verdict: verdict(t, false) })),
  );
}

const latencyRow = (s: { p50: number; p95: number; p99: number; max: number; count: number }) => ({
  "p50 ms": round(s.p50),
  "p95 ms": round(s.p95),
  "p99 ms": round(s.p99),
  "max ms": round(s.max),
  samples: s.count,
});

function lifecycleRows(l: LifecycleFigures) {
  return [
    ...Object.entries(l.byTable).map(([table, c]) => ({
      what: `table ${table}`,
      WCU: round(c.write),
      RCU: round(c.read),
    })),
    { what: "all tables", WCU: round(l.wcu), RCU: round(l.rcu) },
    {
      what: "all tables, as DynamoDB Local reported",
      WCU: round(l.reported.wcu),
      RCU: round(l.reported.rcu),
    },
    { what: "events published (event items)", WCU: round(l.events), RCU: "" },
    { what: "SQS messages sent (event × subscribing queue)", WCU: round(l.sqsSends.messages), RCU: "" },
    ...Object.entries(l.invocations)
      .filter(([k]) => k !== "schedule")
      .map(([k, n]) => ({
        what: `Lambda invocations: ${k} (Σ ${Math.round(l.invocationMs[k as keyof typeof l.invocationMs])} ms)`,
        WCU: round(n),
        RCU: "",
      })),
  ];
}

function costRows(l: LifecycleFigures) {
  const u = l.usage;
  const c = l.cost;
  return [
    {
      component: "DynamoDB on-demand",
      "per case": `${round(u.wcu)} WRU, ${round(u.rcu)} RRU`,
      "USD per million cases": round(c.dynamodb),
    },
    {
      component: "SQS",
      "per case": `${round(u.sqsRequests)} requests`,
      "USD per million cases": round(c.sqs),
    },
    {
      component: "Lambda requests",
      "per case": `${round(u.lambdaInvocations)} invocations`,
      "USD per million cases": round(c.lambdaRequests),
    },
    {
      component: "Lambda compute (arm64)",
      "per case": `${round(u.lambdaGbSeconds)} GB-s`,
      "USD per million cases": round(c.lambdaCompute),
    },
    {
      component: "total (cost_usd_per_million_cases)",
      "per case": "",
      "USD per million cases": round(c.total),
    },
    {
      component: "+ HTTP API requests (not in the total)",
      "per case": `${round(u.httpRequests)} requests`,
      "USD per million cases": round(c.httpApi),
    },
  ];
}

/** The case's messages, INIT, traces and logs with their prices; INIT only when this run also measured init. */
export function caseExtras(r: Results) {
  const l = r.lifecycle;
  if (!l?.extras) return undefined;
  const initMs = new Map(
    (r.bundles ?? [])
      .filter((b) => Number.isFinite(b.initMs))
      .flatMap((b) => b.functions.map((f) => [f, b.initMs] as const)),
  );
  const fns = Object.entries(l.invocationsByFunction ?? {});
  const initGbSecondsAllCold =
    fns.length && fns.every(([f]) => initMs.has(f))
      ? fns.reduce((s, [f, x]) => s + x.invocations * (initMs.get(f)! / 1000) * (x.memoryMb / 1024), 0)
      : undefined;
  return {
    initGbSecondsAllCold,
    cost: extrasPerMillionCases({ ...l.extras, initGbSecondsAllCold }),
  };
}

function extrasRows(l: LifecycleFigures, c: ExtrasCost, initGbSeconds: number | undefined) {
  const x = l.extras!;
  const kib = (bytes: number) => `${round(bytes / 1024)} KiB`;
  return [
    {
      component: "SMS",
      "per case":
        `${round(x.sms)} messages, ${round(x.smsParts)} parts` +
        (x.smsCharacters?.length
          ? ` (characters: ${x.smsCharacters.map((n) => `${n} → ${smsParts("x".repeat(n))}`).join(", ")})`
          : ""),
      "USD per million cases": round(c.sms),
    },
    {
      component: "email",
      "per case": `${round(x.emails)} messages`,
      "USD per million cases": round(c.email),
    },
    {
      component: "messaging (messaging_usd_per_million_cases)",
      "per case": "",
      "USD per million cases": round(c.messaging),
    },
    ...(c.init && initGbSeconds !== undefined
      ? [
          {
            component: `Lambda INIT at ${ASSUMPTIONS.coldStartShare * 100} % cold starts`,
            "per case": `${round(initGbSeconds * ASSUMPTIONS.coldStartShare)} GB-s`,
            "USD per million cases": round(c.init.atShare),
          },
          {
            component: "Lambda INIT, every invocation cold (bound)",
            "per case": `${round(initGbSeconds)} GB-s`,
            "USD per million cases": round(c.init.allCold),
          },
        ]
      : [
          {
            component: "Lambda INIT",
            "per case": "not measured (bundles part)",
            "USD per million cases": "",
          },
        ]),
    {
      component: `X-Ray, default sampling (${ASSUMPTIONS.tracesSampledShare * 100} %)`,
      "per case": `${round(x.traceRoots * ASSUMPTIONS.tracesSampledShare)} traces`,
      "USD per million cases": round(c.xray.atDefaultSampling),
    },
    {
      component: "X-Ray, every trace (bound)",
      "per case": `${round(x.traceRoots)} traces`,
      "USD per million cases": round(c.xray.allTraces),
    },
    {
      component: "CloudWatch Logs ingestion",
      "per case": kib(x.logBytes),
      "USD per million cases": round(c.logs),
    },
  ];
}

/** A GitHub-flavoured Markdown table from rows of equal keys. */
function md(rows: Record<string, unknown>[]): string {
  if (!rows.length) return "_(none)_";
  const keys = Object.keys(rows[0]!);
  const cell = (v: unknown) => String(v ?? "").replaceAll("|", "\\|");
  return [
    `| ${keys.join(" | ")} |`,
    `| ${keys.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${keys.map((k) => cell(r[k])).join(" | ")} |`),
  ].join("\n");
}

/**
 * docs/benchmarks.md for a full run; .local/bench/benchmarks.md for `--quick` or `--only` (docs keep full figures).
 * BENCH_OUT (a folder under the repository) takes the place of .local/bench, so partial runs side by side keep their
 * own figures.
 */
export async function writeReport(
  r: Results,
  options: { partial: boolean; fromFile?: boolean },
): Promise<string> {
  const out = join(REPO_ROOT, process.env.BENCH_OUT ?? ".local/bench");
  const path = options.partial ? join(out, "benchmarks.md") : join(REPO_ROOT, "docs/benchmarks.md");
  mkdirSync(join(path, ".."), { recursive: true });
  mkdirSync(out, { recursive: true });
  // Formatted as `npm run lint` (prettier --check) expects it.
  const prettier = await import("prettier");
  const config = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(markdown(r), { ...config, parser: "markdown" }));
  if (!options.fromFile)
    // Every figure, to rewrite the report from (--report-from) or look closer (per-request latencies are not kept).
    writeFileSync(join(out, "results.json"), `${JSON.stringify(r, null, 2)}\n`);
  return path.slice(REPO_ROOT.length);
}

export function markdown(r: Results): string {
  const m = r.machine;
  const s = summaryLine(r);
  const t = targets(r);
  const notMet = t.filter((x) => x.met === false);
  const l = r.lifecycle;
  const lines: string[] = [];
  // Every block (paragraph, table, fenced code) stands apart: a line right under a table would join the table.
  const p = (...blocks: string[]) => lines.push(...blocks.flatMap((b) => [b, ""]));
  const fence = (lang: string, ...body: string[]) => ["```" + lang, ...body, "```"].join("\n");
  p(
    "# Benchmarks",
    `Measured by \`npm run bench\`${r.quick ? " --quick" : ""} on ${r.startedAt.slice(0, 10)} (${r.startedAt} → ${r.finishedAt ?? "?"}), ` +
      `commit ${m.commit}. Written by the bench itself (test/bench/report.ts): edit the code, not this file. ` +
      "Speed, capacity and size are measured here and never asserted in tests.",
  );
  p(
    "## Machine",
    md([
      { "": "CPU", value: `${m.cores} × ${m.cpu}` },
      { "": "memory", value: `${m.memoryGiB} GiB` },
      { "": "OS", value: m.os },
      { "": "Node", value: m.node },
      { "": "Java (DynamoDB Local)", value: m.java },
      { "": "1-min load average, start → end", value: m.loadAverage.join(" → ") },
    ]),
    "A load average above the core count means other processes (test suites, builds) shared the machine during the " +
      "run; throughput and latency figures are then lower than on an idle machine. Capacity, event, bundle-size and " +
      "cost figures do not depend on load.",
  );
  if (r.errors)
    p(
      "## Parts that failed in this run",
      md(Object.entries(r.errors).map(([part, error]) => ({ part, error }))),
      "Their figures are null below; rerun with `npm run bench -- --only <part>`.",
    );
  p("## Headline figures (the JSON line)", fence("json", JSON.stringify(s, null, 2)));
  p(
    "## Targets",
    md(t.map((x) => ({ target: x.target, measured: x.measured, verdict: verdict(x) }))),
    notMet.length
      ? `Not met in this run: ${notMet.map((x) => x.target).join("; ")}.`
      : "Every measured target is met in this run.",
  );
  p(
    "## How to reproduce",
    fence(
      "bash",
      "npm ci",
      `npm run bench            # ${r.finishedAt ? `${Math.round((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 60_000)} minutes this time` : "minutes"}; needs Java 17+ like \`npm start\``,
      "npm run bench -- --quick # a 2-minute smoke run; its report goes to .local/bench/benchmarks.md",
      "npm run bench -- --only submit,e2e   # a subset: raw, submit, e2e, lifecycle, sweep, bundles",
      "npm run bench -- --report-from .local/bench/results.json   # rewrite this report from a run's figures",
    ),
    "The bench starts the local stack in its own process (infra/local/stack.ts: DynamoDB Local in memory, the SQS " +
      "server, every table and queue, the HTTP server, pollers, scheduler and seed data) on free ports, with virtual " +
      `time starting at a fixed Monday. Load generators run in a separate Node process (test/bench/load-worker.ts), ` +
      "closed loop: each of N callers sends its next request when the last one answers. " +
      `Windows: ${r.settings.load.warmupMs / 1000} s warm-up, ${r.settings.load.durationMs / 1000} s measured. ` +
      "Percentiles are nearest-rank over every measured request.",
  );
  if (r.raw || r.submit) {
    p(
      "## 1–2. Throughput and latency",
      "**Floor** — the `TransactWriteItems` a submission writes (its application item, its two event items and its " +
        "idempotency record, with their conditions, fresh ids each time), straight from the SDK into the stack's " +
        "intake table, whose stream the same publisher and consumers process as for submissions; each round waits " +
        "for that backlog to drain, as submit's do:",
      md(loadRows(r.raw)),
      "**Submit** — `POST /v1/applications` by the seeded clerk at a Haidian window, through the local HTTP server " +
        "(API Gateway v2 event) and the handler chain: JWT verification, validation, idempotency (a fresh " +
        "`Idempotency-Key` per request, its record written in the submission's transaction), one batched read of " +
        "center, guide and item status beside the e-license query, and one `TransactWriteItems`. While it runs, the " +
        "stack publishes and consumes the events the submissions raise, on the same cores — as the system would. Each round waits for that backlog to drain before the next.",
      md(loadRows(r.submit)),
    );
  }
  if (r.acceptance) {
    p(
      "## 2b. Acceptance decisions at one center",
      `\`POST /v1/applications/{id}/acceptance\` by the Haidian clerk, each on a case of its own (${r.settings.acceptanceDecisions ?? "?"} ` +
        "per round), N in flight: with every document numbered in the center's single gap-free series (all contend " +
        "for one counter; a loser retries, and past 16 rounds answers 503), and with each of N windows numbering in " +
        "its own series (`windowId` in the decision). Failures are answers other than 200, by status: 503 is a busy " +
        "counter, a 500 would be a fault.",
      md(r.acceptance.map((f) => ({ series: f.series, ...loadRows([f])[0] }))),
    );
  }
  if (r.e2e) {
    p(
      "## 3. End to end",
      "A review task is opened by `application.accepted`, so each case is submitted, accepted by the clerk as soon " +
        "as the submission answers, and the approver's department worklist (`GET /v1/review-tasks?state=open&itemId=…`) " +
        "is polled every 10 ms until it lists the task: intake's stream → publisher → review's queue → consumer. " +
        `${r.e2e.fromSubmit.count} cases, one at a time on an otherwise idle stack (the bench drains between cases, ` +
        `never during one); ${r.e2e.polls} polls${r.e2e.timeouts ? `, ${r.e2e.timeouts} cases timed out after 30 s` : ""}.`,
      md([
        { from: "submit response (`e2e_*`)", ...latencyRow(r.e2e.fromSubmit) },
        { from: "acceptance response (the event pipeline alone)", ...latencyRow(r.e2e.fromAcceptance) },
      ]),
      "How the local pipeline moves (infra/local/poller.ts): the stream and queue pollers poll back to back while " +
        "they find work and every 20 ms for 2 s after any HTTP request or activity, every 100 ms when idle. Polling " +
        "the API keeps them in the hot mode, so these are the local runtime's figures; in AWS the stream event source " +
        "mapping and the SQS poller have their own cadence (and batching windows, when configured).",
    );
  }
  if (r.sweep) {
    p(
      "## 4. Clock sweep",
      "The same 100 due clocks among more and more open ones (test/bench/clock-sweep.bench.ts, from the clocks " +
        "work): one sweep's consumed read capacity should not grow with the open clocks, because it reads only the " +
        "due index. `sweep_rcu_*` is the read capacity of all reads the sweep made. It runs after the stack has stopped, in its own " +
        "process against a fresh DynamoDB Local (test/bench/sweep-worker.ts); the fill is not metered.",
      md(sweepRows(r)),
    );
  }
  if (l) {
    p(
      "## 5. One case: capacity, events, cost",
      `One full case — the applicant submits online, the clerk accepts, the approver claims the review task and ` +
        `decides (authorized approval), the applicant takes the result electronically and rates the case — ` +
        `${l.cases} time(s); figures are per case (WCU ${l.wcuRange.join("–")}, RCU ${l.rcuRange.join("–")} across ` +
        "the cases). Capacity is `ReturnConsumedCapacity: TOTAL` on every DynamoDB call the case's handlers made " +
        "(HTTP, publishers, consumers — tables and indexes, transactions at DynamoDB's double rate), summed by an SDK middleware the bench adds to the shared " +
        "client in its own process (test/bench/capacity.ts); Powertools idempotency shares that client, so its " +
        "records count. The scheduled functions (minute sweeps, daily jobs) are a fixed cost, not a per-case one, " +
        "and are left out. Events are the event items written (the outbox: one per published event). Between " +
        "steps the bench waits for the events to flow (drain).",
      md(lifecycleRows(l)),
      "Where the units go, by function (mean per case):",
      md(
        Object.entries(l.byFunction)
          .sort(([, a], [, b]) => b.write + b.read - (a.write + a.read))
          .map(([fn, c]) => ({
            function: fn,
            invocations: round(c.invocations),
            WCU: round(c.write),
            RCU: round(c.read),
          })),
      ),
      "The costliest writes (mean per case; the items each call wrote, by entity or key prefix — `update:`, " +
        "`delete:` and `key:` name the key of an update, a delete or a condition check):",
      md(
        l.byWrite.slice(0, 12).map((w) => ({
          "function, command, items": w.shape,
          calls: round(w.calls),
          WCU: round(w.write),
          "WCU per call": round(w.write / Math.max(w.calls, 1)),
        })),
      ),
      "Write units are billed as DynamoDB bills them, not as DynamoDB Local reports them (its transaction figures " +
        "are plain units, and erratic: three small unindexed items came back as 2, one indexed item and four small " +
        "ones as 8). The meter (test/bench/billing.ts, unit-tested by hand in test/unit/bench-billing.test.ts) reads " +
        "each written item before and after the write on a client of its own and bills: the table on the larger " +
        "image, per KB rounded up, doubled in a transaction; each index by whether the item's entry is new, removed, " +
        "moved (its key changed: old and new), rewritten (a projected attribute changed) or untouched; a write refused " +
        "by its condition on the item as it was. Reads are DynamoDB Local's units, transactions doubled. As the " +
        `emulator reported them the case took ${round(l.reported.wcu)} WCU and ${round(l.reported.rcu)} RCU. The ` +
        "meter's own reads are taken off the invocations' durations. Retries count: a consumer that gets an event " +
        "before the one it depends on (e.g. delivery's notification before the applicant's contact) fails it and " +
        "applies it on the next delivery, as in AWS.",
      ...(l.byIndex && Object.keys(l.byIndex).length
        ? [
            "Index writes (mean per case; entries new, removed, moved, rewritten):",
            md(
              Object.entries(l.byIndex)
                .sort(([, a], [, b]) => b.units - a.units)
                .map(([index, x]) => ({
                  index,
                  WCU: round(x.units),
                  new: round(x.new ?? 0),
                  removed: round(x.removed ?? 0),
                  moved: round(x.moved ?? 0),
                  rewritten: round(x.rewritten ?? 0),
                })),
            ),
          ]
        : []),
      ...(l.floor
        ? [
            `The same writes as if every item were under 1 KB — each item 1 unit, 2 in a transaction; each index entry ` +
              `written or removed 1, moved 2 — cost **${round(l.floor.write)} WCU** of the ${round(l.wcu)}: the ` +
              "number of writes, not their size, is what a case pays for. By what was written:",
            md([
              ...Object.entries(l.floor.byKind).map(([kind, units]) => ({
                written: kind,
                WCU: round(units),
              })),
              { written: "of which the transactions' second unit", WCU: round(l.floor.transactionShare) },
            ]),
            "So a case at 90 units needs fewer writes, not smaller ones: DESIGN.md writes a state change and its event " +
              "item — the outbox and the audit record, read back as the case's history — in one TransactWriteItems, " +
              "at least 4 units a change before its indexes; the case makes 8 such changes, 3 numbered documents " +
              "(a counter and the document in the same transaction), 6 answers remembered for their " +
              "`Idempotency-Key`, and the other services' projections of it (intake's case view and history, " +
              "supervision's stage clocks, delivery's messages and their send limits). The design decisions that " +
              "would cut below that floor — events published from the stream's images with the history kept " +
              "elsewhere, one clock per case instead of one per stage, no send limits on case notifications — are " +
              "listed in docs/cost-floor.md, with what each would save and what it would cost the design.",
          ]
        : []),
    );
    p(
      "### Cost per million cases",
      `Prices: AWS on-demand list prices as of ${PRICES.asOf}, region **${PRICES.region}** (N. Virginia), no free ` +
        "tier, each with its source page in test/bench/cost.ts: DynamoDB " +
        `$${PRICES.dynamoWriteUsdPerMillion} per million write request units and $${PRICES.dynamoReadUsdPerMillion} ` +
        `per million read request units; SQS $${PRICES.sqsUsdPerMillionRequests} per million requests; Lambda ` +
        `$${PRICES.lambdaUsdPerMillionRequests} per million requests and $${PRICES.lambdaUsdPerGbSecond} per GB-second ` +
        `on arm64; HTTP API $${PRICES.httpApiUsdPerMillionRequests} per million requests (shown, not in the total). ` +
        "The Beijing (cn-north-1) and Ningxia regions are operated by Sinnet and NWCD and priced in CNY on their " +
        "own lists: recompute with those prices (test/bench/cost.ts) before quoting a figure for them.",
      "Formula (test/bench/cost.ts, `costPerMillionCases`):",
      fence(
        "",
        `USD per million cases = WCU × ${PRICES.dynamoWriteUsdPerMillion} + RCU × ${PRICES.dynamoReadUsdPerMillion} ` +
          `+ SQS requests × ${PRICES.sqsUsdPerMillionRequests}`,
        `                      + Lambda invocations × ${PRICES.lambdaUsdPerMillionRequests} + GB-seconds × ` +
          `${PRICES.lambdaUsdPerGbSecond} × 10^6`,
      ),
      `- SQS requests = messages sent × ${SQS_REQUESTS_PER_MESSAGE} (the publisher's send, the event source mapping's ` +
        "receive and delete) — an upper bound: sends, receives and deletes are batched in AWS, and the mapping's empty " +
        "long polls are a fixed cost per queue.",
      "- Lambda invocations = the HTTP requests, publisher batches and consumer batches the case caused, counted as " +
        "the local runtime invoked them (one event at a time here: the worst case for batching).",
      "- GB-seconds = Σ over those invocations of ⌈duration in ms⌉ / 1000 × memory / 1024, at each function's " +
        `configured memory (${l.memoryMb.join(", ")} MB in the manifest), with each duration measured locally (handler on ` +
        `Node ${r.machine.node}, DynamoDB Local on loopback) — a stand-in for Lambda's billed duration, which adds ` +
        "cold starts and " +
        "real network latency and removes the emulator's.",
      md(costRows(l)),
      "Not in the total: API Gateway requests (above), KMS signing requests for sealed documents, storage (GB-month) " +
        "and data transfer; and what follows.",
    );
    const extras = caseExtras(r);
    if (extras && l.extras)
      p(
        "### Besides the infrastructure: messages, cold starts, traces, logs",
        "What a deployer also pays for each case, priced apart from the total above because each depends on a choice " +
          "or an assumption stated here (prices and assumptions in test/bench/cost.ts, `PRICES` and `ASSUMPTIONS`). " +
          "Messages are the ones the local outbox (the providers' stand-in) received during the case; an SMS is billed " +
          "in parts — up to 70 characters, signature included, one part, longer ones in parts of 67 (`smsParts`). " +
          `SMS at ¥${PRICES.smsCnyPerPart} a part (a domestic provider's list price; ¥${PRICES.cnyPerUsd} to the dollar), ` +
          `email at $${PRICES.emailUsdPerThousand} a thousand (SES).`,
        md(extrasRows(l, extras.cost, extras.initGbSecondsAllCold)),
        "- INIT: each function's module init as section 6 measured it (the median of fresh processes), times its " +
          "memory, for each invocation of the case — Lambda's own runtime start comes on top. At the share of cold " +
          `starts AWS reports for production traffic (${ASSUMPTIONS.coldStartShare * 100} %); a quiet center's ` +
          "functions go cold between cases, up to the bound in the table, every invocation cold.",
        "- X-Ray: a trace starts at each HTTP request and each stream-triggered publisher invocation; consumers continue " +
          `their publisher's trace. Recorded under the default sampling rule (${ASSUMPTIONS.tracesSampledShare * 100} % ` +
          `beyond one a second), at $${PRICES.xrayUsdPerMillionTraces} a million; the bound records every trace.`,
        "- Logs: the JSON lines the case's handlers wrote at INFO (the deployed level; log records and the metrics' EMF " +
          "documents, which the local runtime otherwise turns off) plus Lambda's START, END, REPORT and XRAY lines for " +
          `each invocation, ingested at $${PRICES.logsUsdPerGbIngested} a GB; storage after ingestion is left out.`,
      );
  }
  if (r.bundles) {
    const problems = r.bundles.filter((b) => b.envProblem);
    p(
      "## 6. Bundles and module initialization",
      `Every handler entry of the manifest (${r.bundles.length} bundles for ` +
        `${r.bundles.reduce((n, b) => n + b.functions.length, 0)} functions) bundled with esbuild using CDK's settings ` +
        "(infra/aws/constructs/service-function.ts: CommonJS, minified, target node24, " +
        "source map without sources, the AWS SDK bundled rather than taken from the runtime). KiB is the bundle's file (the source map ships beside it). " +
        `Init is \`require\` of the built file, as the Lambda runtime loads it, in a fresh Node ${m.node} process with the AWS-shaped environment ` +
        "`environmentFor` gives that function (placeholder ARNs and URLs), " +
        `the median of ${r.settings.initRuns} process(es). Node startup itself is not ` +
        "counted; Lambda's own runtime start is not either.",
      "Largest:",
      md(topBundles(r, 10, "kib")),
      "Slowest to initialize:",
      md(topBundles(r, 10, "initMs")),
      `${r.bundles.filter((b) => b.kib >= 300).length} of ${r.bundles.length} bundles are 300 KiB or more; ` +
        `${r.bundles.filter((b) => !(b.initMs < 100)).length} take 100 ms or more to initialize.`,
      "The two targets pull against each other, and the bundles favour the one callers feel. The AWS SDK is " +
        "bundled (infra/aws/constructs/service-function.ts): measured side by side on submit-application, taking " +
        "it from the runtime gives a 417 KiB bundle that initializes in 272 ms, bundling it 755 KiB and 155 ms — " +
        "Node spends most of a cold start resolving, reading and lexing the SDK's CommonJS files one by one, and the " +
        "function runs the SDK version the tests ran against. What every service bundle still starts from, about " +
        "330 KiB: the SDK core with the DynamoDB client (≈ 200 KiB), zod (≈ 95 KiB) and Powertools logger and " +
        "metrics (≈ 34 KiB); gone since the first measurement: the X-Ray SDK (a tracer of the project's own), " +
        "Powertools idempotency, the SDK's credential chain, the holiday package, and the S3 and KMS clients outside " +
        "the handlers that use them. Below 300 KiB needs a smaller DynamoDB client or none of zod's classic API, and " +
        "route schemas built lazily. Since the last round the bundles are CommonJS (an ES module bundle imports " +
        "Node's built-ins as ES modules, and building their namespaces loads undici and web crypto: 96 → 80 ms of " +
        "CPU for review's claim-task) and functions run without `--enable-source-maps` (parsing the map took about " +
        "20 ms of submit-application's cold start; `npm run symbolicate` maps a logged trace instead). Where " +
        "claim-task's init goes now, by a CPU profile: compiling the bundle about 28 ms, zod about 25 ms — 7 of them " +
        "zod itself, the rest building the schemas of every route of the service, response schemas included, " +
        "which a handler never uses — and the built-ins it requires about 10 ms.",
      ...(r.stackFloors?.length
        ? [
            "What the fixed stack bundles before any of the project's code (test/bench/floor/, built with the same " +
              "options): the DynamoDB document client on the environment's credentials, Powertools logger and " +
              "metrics, jose's JWT check and zod/mini with one schema, each used once — and the same with the S3 " +
              "client and its presigner, which the handlers of electronic materials need:",
            md(r.stackFloors.map((f) => ({ floor: f.entry, KiB: round(f.kib) }))),
            "A handler is that floor plus its route's schemas, the shared HTTP chain and its service's domain: " +
              "under 300 KiB leaves tens of KiB for all of them even with zod/mini, and no room at all beside the " +
              "S3 client. The target needs a stack change (a smaller DynamoDB client than the SDK's, or no " +
              "Powertools), not a handler change.",
          ]
        : []),
      ...(problems.length
        ? [
            `**Finding:** ${problems.length} bundle(s) refuse the environment their manifest entry gives them ` +
              "(they would fail their cold start in AWS; locally every function shares one merged environment, " +
              "which hides it). Their init was timed with the HTTP functions' auth variables added:",
            md(
              problems.map((b) => ({
                bundle: b.entry,
                functions: b.functions.join(", "),
                error: b.envProblem,
              })),
            ),
          ]
        : []),
    );
  }
  if (HISTORY.length) {
    const keys = [
      "node",
      "lifecycle_wcu",
      "cost_usd_per_million_cases",
      "submit_over_raw_c16",
      "e2e_p95_ms",
      "bundle_kib_max",
      "init_ms_max",
    ] as const;
    const show = (f: Change["before"], k: (typeof keys)[number]) => (f[k] === undefined ? "—" : String(f[k]));
    p(
      "## 7. Changes, before and after",
      "Each change with the figures of the runs before and after it (test/bench/history.ts; newest last).",
      md(
        HISTORY.flatMap((c) =>
          keys
            .filter((k) => c.before[k] !== undefined || c.after[k] !== undefined)
            .map((k, i) => ({
              change: i === 0 ? `${c.date} (${c.commit}): ${c.change}` : "",
              figure: k,
              before: show(c.before, k),
              after: show(c.after, k),
            })),
        ),
      ),
    );
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
