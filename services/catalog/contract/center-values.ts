import * as z from "zod";
import { idSchema } from "#shared/http/schemas.ts";
import { serviceHoursSchema } from "./hours-values.ts";
import { CENTER_LEVELS } from "./levels-values.ts";

/**
 * A center as the catalog publishes it (art. 8, 10–15): profile, phone, zones, facilities, languages, hours.
 * Part of catalog's contract (issue 22): the values its events carry; catalog's domain re-exports them.
 */

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
