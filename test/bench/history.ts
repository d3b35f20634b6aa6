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
];
