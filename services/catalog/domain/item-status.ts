import { RuleViolationError, ValidationError, type FieldIssue } from "#shared/errors.ts";
import type { GuideVersion } from "./guide.ts";
import { mayHandleAt } from "./levels.ts";
import { type ItemStatusInput } from "../contract/item-status-values.ts";

export * from "../contract/item-status-values.ts";

export interface ItemStatus extends ItemStatusInput {
  centerId: string;
  itemId: string;
  /** The guide version in force when the status was set (its materials were checked against it). */
  guideVersion: number;
  updatedAt: string;
  version: number;
}

/**
 * The rules a status change must respect, against the center and the item's guide in force:
 * - sink-down only to the level the guide allows (art. 35);
 * - delegated acceptance in comprehensive centers only (art. 26), naming materials the guide has;
 * - authorized approval in city and district comprehensive centers only (art. 28, 44).
 */
export function checkItemStatus(
  input: ItemStatusInput,
  center: { level: string; kind: string },
  guide: GuideVersion | undefined,
): void {
  if (input.status === "excluded") return;
  if (!guide) {
    throw new RuleViolationError(
      "guide-required",
      "An item is handled in a center only once its guide is published (art. 20).",
    );
  }
  if (!mayHandleAt(guide.lowestLevel, center.level as never)) {
    throw new RuleViolationError(
      "sink-down",
      `This item may be handled down to the ${guide.lowestLevel} level only; this is a ${center.level} center (art. 35).`,
      [{ path: ["status"], message: `lowest level is ${guide.lowestLevel}` }],
    );
  }
  if (input.delegation) {
    if (center.kind !== "comprehensive") {
      throw new RuleViolationError(
        "delegation-center",
        "Delegated acceptance runs in comprehensive centers (art. 26).",
        [{ path: ["delegation"], message: "not in a specialized center" }],
      );
    }
    const known = new Set(guide.materials.map((m) => m.name));
    const unknown: FieldIssue[] = input.delegation.materials
      .map((m, i) => ({ m, i }))
      .filter(({ m }) => !known.has(m))
      .map(({ i, m }) => ({
        path: ["delegation", "materials", i],
        message: `"${m}" is not a material of guide version ${guide.version}`,
      }));
    if (unknown.length)
      throw new ValidationError(unknown, "A delegation may only name materials of the guide in force.");
  }
  if (
    input.authorization &&
    !(["city", "district"].includes(center.level) && center.kind === "comprehensive")
  ) {
    throw new RuleViolationError(
      "authorization-center",
      "Authorized approval runs in city and district comprehensive centers (art. 28).",
      [{ path: ["authorization"], message: `not in a ${center.level} ${center.kind} center` }],
    );
  }
}
