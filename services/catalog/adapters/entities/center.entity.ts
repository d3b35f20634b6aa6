import type { Center } from "../../domain/center.ts";

/** Center: `center#<id>` / `center`; listed through gsi1 (`center` / `<level>#<name>#<id>`, access pattern centersByLevel). */
export const centerKey = (centerId: string) => ({ pk: `center#${centerId}`, sk: "center" });
export const centerPk = (centerId: string) => `center#${centerId}`;

export const toCenterRecord = (center: Center) => ({
  ...centerKey(center.id),
  entity: "center",
  gsi1pk: "center",
  gsi1sk: `${center.level}#${center.name}#${center.id}`,
  ...center,
});

export function fromCenterRecord(record: Record<string, unknown>): Center {
  const { pk: _pk, sk: _sk, entity: _e, gsi1pk: _g, gsi1sk: _s, ...center } = record;
  return center as unknown as Center;
}
