import * as z from "zod";
import { phoneSchema } from "./center-values.ts";
import { LEVELS } from "./levels-values.ts";

/**
 * A service guide (办事指南, art. 20, 23, 26) as the catalog publishes it with item.guide-published.
 * Part of catalog's contract (issue 22): the values its events carry; catalog's domain re-exports them.
 */

/** How a result reaches the applicant (art. 32). */
export const DELIVERY_METHODS = ["window", "electronic", "locker", "mail"] as const;

/** A material the applicant provides (art. 20, 26, 36, 37). */
export const materialSchema = z.object({
  name: z.string().trim().min(1).max(100),
  required: z.boolean(),
  copies: z.number().int().min(1).max(20).default(1),
  form: z.enum(["original", "copy", "originalOrCopy"]).default("originalOrCopy"),
  /** An e-license of this type replaces the paper material (art. 25, 36). */
  eLicenseType: z.string().trim().min(1).max(200).optional(),
  /** 告知承诺: the applicant's written pledge may replace it (art. 37). */
  commitmentAllowed: z.boolean().default(false),
  /** 容缺受理: it may be missing at acceptance and cured later (art. 27(三), 37). */
  tolerable: z.boolean().default(false),
  /** The largest electronic file accepted for it (电子材料, issue 19); 10 MiB when not said. */
  maxFileMiB: z.number().int().min(1).max(100).optional(),
});

export const feeSchema = z.object({ name: z.string().trim().min(1).max(200), amountYuan: z.number().min(0) });

/**
 * Appointment rules (art. 22): during legal hours an item is served on the spot, appointment optional; making it
 * appointment-only needs the administration's approval (its reference), and an emergency lane stays open.
 */
export const appointmentRulesSchema = z
  .object({
    mode: z.enum(["walkInOrAppointment", "appointmentOnly"]).default("walkInOrAppointment"),
    approvalRef: z.string().trim().min(2).max(200).optional(),
    slotMinutes: z.number().int().min(5).max(240).default(15),
    bookAheadDays: z.number().int().min(1).max(90).default(14),
  })
  .refine((a) => a.mode !== "appointmentOnly" || a.approvalRef !== undefined, {
    path: ["approvalRef"],
    message: "An appointment-only item needs the administration's approval reference (art. 22).",
  })
  .default({ mode: "walkInOrAppointment", slotMinutes: 15, bookAheadDays: 14 });

/**
 * The item's legal basis (设定依据 / 实施依据, art. 20): the provisions it rests on, cited on every document issued on
 * it; and whether its decision period may be extended, on which provision and by how many working days at most
 * (行政许可法 art. 42 — for most licences ten days with the head of the organ's approval; some laws allow none or other).
 */
export const legalBasisSchema = z.object({
  provisions: z.array(z.string().trim().min(2).max(300)).min(1).max(20),
  extension: z
    .object({
      provision: z.string().trim().min(2).max(300),
      maxWorkingDays: z.number().int().min(1).max(60),
    })
    .optional(),
});

/** Where else the item can be applied for (区域通办, art. 38): nowhere else, across Beijing, 京津冀, or nationwide. */
export const CROSS_REGION_SCOPES = ["none", "beijing", "jingJinJi", "national"] as const;

/** Conditions and procedure steps: the same bounds in either language. */
const textList = () => z.array(z.string().trim().min(1).max(500)).min(1).max(100);

/**
 * The guide's English text (外语服务, art. 15: a foreign-language environment for foreign applicants), as the
 * department publishes it with the version — as immutable as the rest, a change is a new version. It translates the
 * guide, it does not add to it: each material it names is one of the guide's, by its Chinese name, so an English
 * notice never asks for something the Chinese one does not (art. 20, 27(二)). Everything else (limits, fees, legal
 * basis) is the guide's own and needs no translation here.
 */
export const englishGuideSchema = z
  .object({
    itemName: z.string().trim().min(1).max(300).meta({ description: "The item's name in English" }),
    conditions: textList().meta({ description: "The conditions (申请条件) in English" }),
    procedure: textList().meta({ description: "The procedure (办理流程) in English, step by step" }),
    materials: z
      .array(
        z.object({
          name: z
            .string()
            .trim()
            .min(1)
            .max(100)
            .meta({ description: "The Chinese name of the guide's material it translates" }),
          text: z.string().trim().min(1).max(200).meta({ description: "The material's name in English" }),
        }),
      )
      .max(100)
      .meta({
        description:
          "English names of the guide's materials; one not named here is shown by its Chinese name",
      }),
    notes: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .meta({ description: "Anything else the department tells foreign applicants, in English" }),
  })
  .meta({ description: "The guide's English text as the department publishes it (外语服务, art. 15)" });

/**
 * The content of a guide version (办事指南, art. 20, 26). The committed time limit (承诺时限) may not exceed the
 * statutory one (DOMAIN.md, "Time and deadlines").
 */
export const guideContentSchema = z
  .object({
    conditions: textList(),
    materials: z.array(materialSchema).min(1),
    procedure: textList(),
    statutoryLimitDays: z.number().int().min(1).max(365),
    committedLimitDays: z.number().int().min(1).max(365),
    fees: z.array(feeSchema).default([]),
    checkpoints: z.array(z.string().trim().min(1).max(500)).max(100).default([]),
    deliveryMethods: z.array(z.enum(DELIVERY_METHODS)).min(1),
    appointment: appointmentRulesSchema,
    crossRegion: z.enum(CROSS_REGION_SCOPES).default("none"),
    /** The lowest level that may handle it (下沉, art. 35): a center below it may not list the item as resident. */
    lowestLevel: z.enum(LEVELS).default("district"),
    legalBasis: legalBasisSchema.optional(),
    /** The department's public phone for this item (办事指南中的公开电话, art. 23(三)), answered in working hours. */
    consultationPhone: phoneSchema.optional(),
    english: englishGuideSchema.optional(),
  })
  .superRefine((guide, ctx) => {
    if (guide.committedLimitDays > guide.statutoryLimitDays) {
      ctx.addIssue({
        code: "custom",
        path: ["committedLimitDays"],
        message: `The committed limit (${guide.committedLimitDays}) may not exceed the statutory limit (${guide.statutoryLimitDays} working days).`,
      });
    }
    const names = new Set<string>();
    guide.materials.forEach((m, i) => {
      if (names.has(m.name))
        ctx.addIssue({ code: "custom", path: ["materials", i, "name"], message: "Duplicate material name." });
      names.add(m.name);
      if (m.tolerable && !m.required) {
        ctx.addIssue({
          code: "custom",
          path: ["materials", i, "tolerable"],
          message: "Only a required material can be tolerated as missing.",
        });
      }
    });
    // Art. 15 with art. 20: the English text names only the guide's materials, each once.
    const translated = new Set<string>();
    guide.english?.materials.forEach((m, i) => {
      const path = ["english", "materials", i, "name"];
      if (!names.has(m.name))
        ctx.addIssue({ code: "custom", path, message: `The guide has no material named ${m.name}.` });
      else if (translated.has(m.name))
        ctx.addIssue({ code: "custom", path, message: "This material is translated twice." });
      translated.add(m.name);
    });
  });
export type GuideContent = z.output<typeof guideContentSchema>;

/** A published guide version: immutable once written. */
export interface GuideVersion extends GuideContent {
  itemId: string;
  version: number;
  publishedAt: string;
  publishedBy: string;
}

/** A guide as callers send it (defaults may be left out). */
export type GuideInput = z.input<typeof guideContentSchema>;
