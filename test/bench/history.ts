/**
 * What each change did to the figures (issue 21: "docs/benchmarks.md shows the before and after of each change"):
 * one entry per change, its figures before and after as two runs of `npm run bench` measured them (the summary line's
 * keys; a figure a run did not measure is left out). Newest last. docs/benchmarks.md prints it.
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
  bundle_kib_max: number;
  init_ms_max: number;
}>;

export const HISTORY: readonly Change[] = [];
