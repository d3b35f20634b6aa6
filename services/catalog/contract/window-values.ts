import * as z from "zod";
import { idSchema } from "#shared/http/schemas.ts";
import { languageSchema } from "./center-values.ts";

/**
 * A service window as the catalog publishes it (art. 13, 15): type, department, items, languages.
 * Part of catalog's contract (issue 22): the values its events carry; catalog's domain re-exports them.
 */

/** Window types (art. 13, 15). */
export const WINDOW_TYPES = [
  "generalConsultation",
  "generalAcceptance",
  "assistedHandling",
  "crossRegion",
  "unresolvedMatters",
  "foreignLanguage",
  "department",
] as const;
export type WindowType = (typeof WINDOW_TYPES)[number];

export const windowInputSchema = z.object({
  /** The number shown above the window, e.g. A01. */
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{1,10}$/, "up to 10 capital letters, digits or hyphens"),
  type: z.enum(WINDOW_TYPES),
  /** Required for a department window: the department stationed in this center that staffs it. */
  departmentId: idSchema("dep").optional(),
  itemIds: z.array(idSchema("itm")).max(500).default([]),
  languages: z.array(languageSchema).min(1).default(["zh"]),
  status: z.enum(["open", "closed"]).default("open"),
});
export type WindowInput = z.output<typeof windowInputSchema>;

export const windowUpdateSchema = windowInputSchema.omit({ code: true, type: true }).partial();
export type WindowUpdate = z.output<typeof windowUpdateSchema>;
