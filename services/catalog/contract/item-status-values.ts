import * as z from "zod";

/**
 * An item's status in a center (art. 18, 26, 28, 35), as the catalog publishes it.
 * Part of catalog's contract (issue 22): the values its events carry; catalog's domain re-exports them.
 */

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
