import * as z from "zod";
import { idSchema } from "#shared/http/schemas.ts";
import { RuleViolationError, ValidationError } from "#shared/errors.ts";
import { coversStandardHours, serviceHoursSchema, type ServiceHours, type TimeRange } from "./hours.ts";
import { CENTER_LEVELS, PARENT_LEVEL, type CenterLevel } from "./levels.ts";

/** A consultation phone (art. 11): a Beijing landline (010-xxxxxxxx), 12345, or a mainland mobile. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^(010-?\d{8}|12345|1[3-9]\d{9})$/, "a Beijing landline (010-xxxxxxxx), 12345 or a mobile number");

/** Functional zones (art. 12). */
export const ZONES = [
  "consultation",
  "windowService",
  "centralizedApproval",
  "governmentInformation",
  "selfService",
  "waiting",
  "integratedService",
  "featured",
] as const;

/** Accessibility and age-friendly facilities, priority for military and veterans (art. 14). */
export const ACCESSIBILITY = [
  "barrierFreeAccess",
  "accessibleToilet",
  "tactilePaving",
  "hearingLoop",
  "signLanguage",
  "wheelchairs",
  "readingAids",
  "elderlyFriendlyDevices",
  "militaryPriority",
  "elderlyPriority",
  "motherAndBabyRoom",
] as const;

/** BCP 47 primary language codes, e.g. `en`, `ja`, `ko`, `ru`, `fr`. */
export const languageSchema = z.string().regex(/^[a-z]{2,3}$/, "a language code such as en or ja");

/** Foreign-language environment (art. 15). */
export const foreignLanguageSchema = z
  .object({
    languages: z.array(languageSchema).default([]),
    signage: z.boolean().default(false),
    consultationWindow: z.boolean().default(false),
    foreignAffairsZone: z.boolean().default(false),
  })
  .default({ languages: [], signage: false, consultationWindow: false, foreignAffairsZone: false });

/** What an administration may change about its center after registering it. */
export const centerProfileSchema = z.object({
  name: z.string().trim().min(2).max(100),
  address: z.string().trim().min(4).max(200),
  consultationPhone: phoneSchema,
  zones: z.array(z.enum(ZONES)).default([]),
  accessibility: z.array(z.enum(ACCESSIBILITY)).default([]),
  foreignLanguage: foreignLanguageSchema,
  hours: serviceHoursSchema,
});
export type CenterProfile = z.output<typeof centerProfileSchema>;

/**
 * A service center (政务服务中心, art. 8): one comprehensive center per city, district and subdistrict/township, and
 * specialized sub-centers (专业分中心) managed as part of their level's comprehensive center.
 */
export const centerInputSchema = centerProfileSchema.extend({
  level: z.enum(CENTER_LEVELS),
  kind: z.enum(["comprehensive", "specialized"]),
  /** The center one level up (none for the city center). Specialized centers take their comprehensive center's. */
  parentId: idSchema("ctr").optional(),
  /** For a specialized center: the comprehensive center of its level it belongs to. */
  comprehensiveCenterId: idSchema("ctr").optional(),
  /** 远郊山区乡镇: the only centers that may adjust their hours (art. 10). */
  remoteMountain: z.boolean().default(false),
});
export type CenterInput = z.output<typeof centerInputSchema>;

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
