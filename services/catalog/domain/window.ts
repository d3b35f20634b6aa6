import { RuleViolationError } from "#shared/errors.ts";
import { type WindowInput } from "../contract/window-values.ts";

export * from "../contract/window-values.ts";

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
