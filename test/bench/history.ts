/**
 * What each change did to the figures (issue 21: "docs/benchmarks.md shows the before and after of each change"):
 * one entry per change, its figures before and after as two full runs of `npm run bench` measured them (the summary
 * line's keys; a figure a run did not measure is left out). Newest last. docs/benchmarks.md prints it.
 */
export interface Change {
  date: string;
  /** The commit the "after" run measured. */
  commit: string;
  change: string;
  before: Figures;
  after: Figures;
}

type Figures = Partial<{
  node: string;
  lifecycle_wcu: number;
  cost_usd_per_million_cases: number;
  submit_over_raw_c16: number;
  e2e_p95_ms: number;
  bundle_kib_max: number;
  init_ms_max: number;
}>;

/** The figures after issue 21's second round (011e171), which the split into complaints and monitoring started from. */
const SECOND_ROUND: Figures = {
  node: "v24.21.0",
  lifecycle_wcu: 163,
  cost_usd_per_million_cases: 148,
  submit_over_raw_c16: 0.61,
  e2e_p95_ms: 147,
  bundle_kib_max: 652,
  init_ms_max: 87.4,
};

export const HISTORY: readonly Change[] = [
  {
    date: "2026-12-04",
    commit: "96f6416",
    change:
      "Measured honestly, not yet made cheaper: writes billed from their images as DynamoDB bills them (the old " +
      "meter doubled DynamoDB Local's erratic transaction figures); DynamoDB's prices of November 2024 (half); the " +
      "case with a five-material guide and Idempotency-Keys; Node 24; credentials from the environment in bundles. " +
      "Before: 2026-11-26, commit 2e23bac.",
    before: {
      node: "v20.20.2",
      lifecycle_wcu: 556,
      cost_usd_per_million_cases: 758,
      submit_over_raw_c16: 0.44,
      e2e_p95_ms: 258,
      bundle_kib_max: 1062,
      init_ms_max: 135,
    },
    after: {
      node: "v24.21.0",
      lifecycle_wcu: 423,
      cost_usd_per_million_cases: 323,
      submit_over_raw_c16: 0.43,
      e2e_p95_ms: 165,
      bundle_kib_max: 1025,
      init_ms_max: 166,
    },
  },
  {
    date: "2026-12-04",
    commit: "2b171a9",
    change:
      "Cheaper by design, first round. The case now also tells its applicant by SMS at a verified mobile (as most " +
      "online applicants have; the same code measured 507 WCU with it, quick run at 5c015d7), and the cost report " +
      "prices messages, INIT, X-Ray and logs. Notifications: one write per attempt, no claim item, no events nobody " +
      "consumes, counters without a transaction (507 → 446); keys-only indexes for items rewritten at every step " +
      "(→ 369); applications keep their guide's version, not a copy, and a case step is two plain writes (→ 299); " +
      "fewer SMS parts (10 → 8). Submit in two round trips with the idempotency record in its transaction, and the " +
      "floor now writes the submission's own transaction under the same event pipeline (so the ratio is no longer " +
      "comparable with the line above). Bundles: no X-Ray SDK, holiday data without the package, S3 and KMS clients " +
      "only where used, JWKS over node:https, platform routes without the idempotency step, the OpenAPI document " +
      "brotli-compressed. The lifecycle part was measured again at 78527d8 with the bench's send limits raised (in the " +
      "full run the bench's one applicant hit the hourly SMS limit, which left messages out of the count).",
    before: {
      node: "v24.21.0",
      lifecycle_wcu: 423,
      cost_usd_per_million_cases: 323,
      submit_over_raw_c16: 0.43,
      e2e_p95_ms: 165,
      bundle_kib_max: 1025,
      init_ms_max: 166,
    },
    after: {
      node: "v24.21.0",
      lifecycle_wcu: 291,
      cost_usd_per_million_cases: 235,
      submit_over_raw_c16: 1.13,
      e2e_p95_ms: 139,
      bundle_kib_max: 650,
      init_ms_max: 122,
    },
  },
  {
    date: "2026-12-04",
    commit: "011e171",
    change:
      "Cheaper by design, second round. Consumers idempotent through their own conditional writes instead of " +
      "Powertools records (ownIdempotency: about 57 write units per case were those records); large remembered " +
      "answers brotli-compressed; intake keeps an application as its submission (written once) and a small case item, " +
      "and applies the events about one case in a batch together; review's worklist indexes project keys and the two " +
      "filtered attributes, a decision's body is kept once (in its event item) and the task refers to its guide's " +
      "legal basis; supervision keeps every open clock in one index (no second index entry per clock); delivery sends " +
      "each message's first attempt as it writes the notification (no event, queue message or second invocation for a " +
      "message sent at once), merges case facts only where they differ, and an electronic result's SMS is one part " +
      "(8 → 4 parts a case). The floor's transaction now holds the application's case item too, and runs faster than " +
      "submit, as a floor should. Bundles are CommonJS (Node's ES module namespaces of built-ins loaded undici and web " +
      "crypto) and run without --enable-source-maps (npm run symbolicate maps a logged trace).",
    before: {
      node: "v24.21.0",
      lifecycle_wcu: 291,
      cost_usd_per_million_cases: 235,
      submit_over_raw_c16: 1.13,
      e2e_p95_ms: 139,
      bundle_kib_max: 650,
      init_ms_max: 122,
    },
    after: SECOND_ROUND,
  },
  {
    date: "2026-12-05",
    commit: "0ffb603",
    change:
      "Issue 22: supervision split into complaints and monitoring, which learn what they need of each other by " +
      "events. New writes a case pays for: complaints' record of the case (at its submission, so that an unknown " +
      "case is told from a running one, and at its end), monitoring's announcement of the case's end " +
      "(clock.case-stopped, written after the clock rather than in a transaction with it) and its fact of the rating " +
      "(in the center-month partition, no index entry). Writes found unneeded: stopped clocks of stages the " +
      "indicators do not count leave the month's index, and subscriptions filter the event's data, so no queue is " +
      "sent an event its consumer would only have noted (24 → 21 messages a case). Before: 2026-12-04, commit 011e171.",
    before: SECOND_ROUND,
    after: {
      node: "v24.21.0",
      lifecycle_wcu: 162,
      cost_usd_per_million_cases: 143,
      submit_over_raw_c16: 0.56,
      e2e_p95_ms: 125,
      bundle_kib_max: 667,
      init_ms_max: 71.9,
    },
  },
];
