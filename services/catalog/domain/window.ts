import * as z from "zod";
import { idSchema } from "#shared/http/schemas.ts";
import { RuleViolationError } from "#shared/errors.ts";
import { languageSchema } from "./center.ts";

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

export interface ServiceWindow extends WindowInput {
  id: string;
  centerId: string;
  updatedAt: string;
  version: number;
}

/** A department window names its department; a foreign-language window speaks something besides Chinese (art. 15). */
export function checkWindow(window: Pick<WindowInput, "type" | "departmentId" | "languages">): void {
  if (window.type === "department" && !window.departmentId) {
    throw new RuleViolationError(
      "department-window",
      "A department window names the department that staffs it.",
      [{ path: ["departmentId"], message: "required for a department window" }],
    );
  }
  if (window.type === "foreignLanguage" && !window.languages.some((l) => l !== "zh")) {
    throw new RuleViolationError(
      "foreign-language-window",
      "A foreign-language window serves at least one foreign language (art. 15).",
      [{ path: ["languages"], message: "add a language other than zh" }],
    );
  }
}
