import { type Level, type CenterLevel } from "../contract/levels-values.ts";

export * from "../contract/levels-values.ts";

/** 0 is the top. Subdistricts (街道) and townships (乡镇) are the same tier. */
export const LEVEL_RANK: Record<Level, number> = {
  city: 0,
  district: 1,
  subdistrict: 2,
  township: 2,
  community: 3,
};

/** The level a center's parent must have (art. 4, 8): city ← district ← subdistrict/township. */
export const PARENT_LEVEL: Record<CenterLevel, CenterLevel | undefined> = {
  city: undefined,
  district: "city",
  subdistrict: "district",
  township: "district",
};

/** Whether an item whose lowest handling level is `lowest` may be handled at `level` (sink-down, art. 35). */
export function mayHandleAt(lowest: Level, level: Level): boolean {
  return LEVEL_RANK[level] <= LEVEL_RANK[lowest];
}
