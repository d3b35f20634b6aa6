import type { GuideSnapshot } from "../../domain/guide-snapshot.ts";

/** Projected guide: `guide#<itemId>` / `current` (the version in force) and `v#000007` (every version kept). */
export const currentGuideKey = (itemId: string) => ({ pk: `guide#${itemId}`, sk: "current" });
export const guideVersionKey = (itemId: string, version: number) => ({
  pk: `guide#${itemId}`,
  sk: `v#${String(version).padStart(6, "0")}`,
});

export const toSnapshotRecord = (key: { pk: string; sk: string }, snapshot: GuideSnapshot) => ({
  ...key,
  entity: "guideSnapshot",
  ...snapshot,
});

export function fromSnapshotRecord(record: Record<string, unknown>): GuideSnapshot {
  const { pk: _pk, sk: _sk, entity: _e, ...snapshot } = record;
  return snapshot as unknown as GuideSnapshot;
}
