import * as z from "zod";
import { RuleViolationError, ValidationError, type FieldIssue } from "#shared/errors.ts";
import { idSchema } from "#shared/http/schemas.ts";
import type { FileRef } from "./files.ts";
import type { GuideSnapshot } from "./guide-snapshot.ts";

/**
 * What the applicant brings for a material: paper (original or copy), an electronic file uploaded and checked
 * beforehand (电子材料, `fileId`), or a written pledge instead (告知承诺, art. 37).
 */
export const submittedMaterialSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    provided: z.enum(["paper", "electronic", "commitment"]).default("paper"),
    /** The applicant's pledge text, for a commitment. */
    pledge: z.string().trim().min(10).max(2000).optional(),
    /** The checked upload (POST /v1/files, then its check), for an electronic material. */
    fileId: idSchema("fil").optional(),
  })
  .refine((m) => m.provided !== "commitment" || m.pledge !== undefined, {
    path: ["pledge"],
    message: "A commitment records the applicant's pledge text (告知承诺书).",
  })
  .refine((m) => (m.provided === "electronic") === (m.fileId !== undefined), {
    path: ["fileId"],
    message: "An electronic material names its uploaded file, and only it does.",
  });
export type SubmittedMaterial = z.output<typeof submittedMaterialSchema>;

/** A material of the application, against the guide version it snapshotted. */
export interface ApplicationMaterial {
  name: string;
  required: boolean;
  tolerable: boolean;
  status: "paper" | "electronic" | "eLicense" | "commitment" | "missing";
  eLicense?: { type: string; number: string };
  /** The checked file an electronic material is. */
  file?: FileRef;
  pledge?: string;
}

export interface HeldLicense {
  type: string;
  number: string;
}

/**
 * Lay the submitted materials against the guide (art. 20, 25, 36, 37):
 * - a name the guide does not list is refused, naming the field — nothing outside the guide is collected;
 * - a pledge only where the guide allows a commitment;
 * - a material whose e-license the applicant holds needs no paper (art. 36): it is satisfied by the e-license;
 * - anything else not brought is missing (the clerk decides: correction, tolerant acceptance or rejection).
 */
export function assembleMaterials(
  guide: GuideSnapshot["guide"],
  submitted: readonly SubmittedMaterial[],
  licenses: readonly HeldLicense[],
  prefix: (string | number)[] = ["materials"],
  files: ReadonlyMap<string, FileRef> = new Map(),
): ApplicationMaterial[] {
  const byName = new Map(guide.materials.map((m) => [m.name, m]));
  const unknown: FieldIssue[] = [];
  const seen = new Set<string>();
  submitted.forEach((m, i) => {
    if (!byName.has(m.name))
      unknown.push({ path: [...prefix, i, "name"], message: `not a material of this item's guide` });
    else if (seen.has(m.name)) unknown.push({ path: [...prefix, i, "name"], message: "listed twice" });
    seen.add(m.name);
  });
  if (unknown.length)
    throw new ValidationError(unknown, "Only the materials the guide lists can be submitted (art. 20, 28).");
  const pledges = submitted.flatMap((m, i) =>
    m.provided === "commitment" && !byName.get(m.name)!.commitmentAllowed
      ? [{ path: [...prefix, i, "provided"], message: "this material cannot be replaced by a commitment" }]
      : [],
  );
  if (pledges.length)
    throw new RuleViolationError(
      "commitment-not-allowed",
      "The guide does not allow a commitment for this material (art. 37).",
      pledges,
    );

  const given = new Map(submitted.map((m) => [m.name, m]));
  const held = new Map(licenses.map((l) => [l.type, l]));
  return guide.materials.map((m) => {
    const base = { name: m.name, required: m.required, tolerable: m.tolerable };
    const license = m.eLicenseType ? held.get(m.eLicenseType) : undefined;
    const brought = given.get(m.name);
    if (brought?.provided === "commitment") return { ...base, status: "commitment", pledge: brought.pledge };
    if (license)
      return { ...base, status: "eLicense", eLicense: { type: license.type, number: license.number } };
    if (brought?.provided === "electronic")
      return { ...base, status: "electronic", file: files.get(brought.fileId!)! };
    if (brought) return { ...base, status: "paper" };
    return { ...base, status: "missing" };
  });
}

export const missingRequired = (materials: readonly ApplicationMaterial[]) =>
  materials.filter((m) => m.required && m.status === "missing").map((m) => m.name);
