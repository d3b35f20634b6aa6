import { RuleViolationError, ValidationError } from "#shared/errors.ts";
import { coversStandardHours, type ServiceHours, type TimeRange } from "./hours.ts";
import { PARENT_LEVEL, type CenterLevel } from "./levels.ts";
import { type CenterInput } from "../contract/center-values.ts";

export * from "../contract/center-values.ts";

export interface Center extends CenterInput {
  id: string;
  /** From the city center down to the parent: admin scope and listings follow it. */
  ancestorIds: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * Where a new center sits. A comprehensive center's parent is a comprehensive center one level up; a specialized
 * one hangs off the comprehensive center of its own level and shares its parent.
 */
export function placeCenter(
  input: CenterInput,
  related: { parent?: Center; comprehensive?: Center },
): { parentId?: string; ancestorIds: string[] } {
  if (input.kind === "specialized") {
    const c = related.comprehensive;
    if (!input.comprehensiveCenterId) {
      throw new ValidationError([
        { path: ["comprehensiveCenterId"], message: "A specialized center names its comprehensive center." },
      ]);
    }
    if (!c) throw new ValidationError([{ path: ["comprehensiveCenterId"], message: "No such center." }]);
    if (c.kind !== "comprehensive" || c.level !== input.level) {
      throw new ValidationError([
        {
          path: ["comprehensiveCenterId"],
          message: `Must be the comprehensive center of the ${input.level} level.`,
        },
      ]);
    }
    if (input.parentId !== undefined && input.parentId !== c.parentId) {
      throw new ValidationError([
        { path: ["parentId"], message: "A specialized center shares its comprehensive center's parent." },
      ]);
    }
    return { parentId: c.parentId, ancestorIds: [...c.ancestorIds, c.id] };
  }
  const wanted = PARENT_LEVEL[input.level];
  if (!wanted) {
    if (input.parentId)
      throw new ValidationError([{ path: ["parentId"], message: "The city center has no parent." }]);
    return { ancestorIds: [] };
  }
  const parent = related.parent;
  if (!input.parentId)
    throw new ValidationError([
      { path: ["parentId"], message: `A ${input.level} center needs its ${wanted} parent.` },
    ]);
  if (!parent) throw new ValidationError([{ path: ["parentId"], message: "No such center." }]);
  if (parent.kind !== "comprehensive" || parent.level !== wanted) {
    throw new ValidationError([
      { path: ["parentId"], message: `The parent must be a comprehensive ${wanted} center.` },
    ]);
  }
  return { parentId: parent.id, ancestorIds: [...parent.ancestorIds, parent.id] };
}

/**
 * Art. 10: the legal working hours are served in full, except by a remote mountain township whose adjustment carries
 * the district government's approval and the city administration's filing references.
 */
export function checkServiceHours(
  center: { level: CenterLevel; remoteMountain: boolean },
  hours: ServiceHours,
  standard: readonly TimeRange[],
): void {
  if (hours.adjustment && !(center.level === "township" && center.remoteMountain)) {
    throw new RuleViolationError(
      "hours-adjustment",
      "Only a remote mountain township center may adjust its service hours (art. 10).",
      [{ path: ["hours", "adjustment"], message: "not allowed for this center" }],
    );
  }
  if (!hours.adjustment && !coversStandardHours(hours, standard)) {
    const text = standard.map((r) => `${r.from}–${r.to}`).join(", ");
    throw new RuleViolationError(
      "legal-hours",
      `The legal working hours (${text}) must be served in full; only a remote mountain township may adjust them, with a district approval and a city filing reference (art. 10).`,
      [{ path: ["hours", "workingDays"], message: `must cover ${text}` }],
    );
  }
}

export function assertRemoteMountainLevel(input: { level: CenterLevel; remoteMountain: boolean }): void {
  if (input.remoteMountain && input.level !== "township") {
    throw new ValidationError([
      { path: ["remoteMountain"], message: "Only a township center can be a remote mountain center." },
    ]);
  }
}
