import * as z from "zod";
import { RuleViolationError, ValidationError, type FieldIssue } from "#shared/errors.ts";
import type { GuideVersion } from "./guide.ts";
import { mayHandleAt } from "./levels.ts";

/** Why an item may not be handled in a center (负面清单, art. 18). */
export const EXCLUSION_REASONS = ["stateSecret", "nationalSecurity", "space", "law", "other"] as const;

/**
 * An item's status in one center (art. 18, 26, 28, 35): handled there (resident) or excluded by the negative list;
 * a resident item may be accepted by the center's clerks on the department's behalf (委托受理, with the agreement and the
 * materials the clerks check) and decided in the center (授权审批, with the authorization list and who decides).
 */
export const itemStatusInputSchema = z
  .object({
    status: z.enum(["resident", "excluded"]),
    exclusion: z
      .object({
        reason: z.enum(EXCLUSION_REASONS),
        detail: z.string().trim().min(2).max(500),
        /** The administration's approval of the exclusion (art. 18). */
        approvalRef: z.string().trim().min(2).max(200),
      })
      .optional(),
    delegation: z
      .object({
        agreementRef: z.string().trim().min(2).max(200),
        /** Materials the center's clerks check on the department's behalf: names from the guide in force. */
        materials: z.array(z.string().trim().min(1).max(500)).min(1).max(100),
        /** The agreement's term (Beijing dates, both inclusive); open-ended where not given. */
        validFrom: z.iso.date().optional(),
        validUntil: z.iso.date().optional(),
      })
      .refine((d) => !d.validFrom || !d.validUntil || d.validFrom <= d.validUntil, {
        message: "validUntil is before validFrom",
        path: ["validUntil"],
      })
      .optional(),
    authorization: z
      .object({
        /** The authorized-approval list entry (清单化管理, art. 28). */
        listRef: z.string().trim().min(2).max(200),
        deciders: z.array(z.enum(["approver", "chiefRep"])).min(1),
      })
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (s.status === "excluded" && !s.exclusion) {
      ctx.addIssue({
        code: "custom",
        path: ["exclusion"],
        message: "An excluded item states the reason and the approval.",
      });
    }
    if (s.status === "resident" && s.exclusion) {
      ctx.addIssue({
        code: "custom",
        path: ["exclusion"],
        message: "Only an excluded item has an exclusion.",
      });
    }
    if (s.status === "excluded" && (s.delegation || s.authorization)) {
      ctx.addIssue({
        code: "custom",
        path: [s.delegation ? "delegation" : "authorization"],
        message: "An excluded item is not handled in the center.",
      });
    }
  });
export type ItemStatusInput = z.output<typeof itemStatusInputSchema>;

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
