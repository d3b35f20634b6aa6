import * as z from "zod";

/**
 * What a staff compliance finding says (art. 43–49), as the catalog publishes it.
 * Part of catalog's contract (issue 22): the values its events carry; catalog's domain re-exports them.
 */

const isoDate = z.iso.date();

/** The rules the check enforces; names are the API's `rule` values. */
export const COMPLIANCE_RULES = [
  "clerkAloneUnqualified",
  "residentMovedEarly",
  "keyPostOverdue",
  "windowUncovered",
] as const;
export type ComplianceRule = (typeof COMPLIANCE_RULES)[number];
const staffSubject = z.object({ kind: z.literal("staff"), id: z.string() });
const windowSubject = z.object({ kind: z.literal("window"), id: z.string() });

/**
 * What a finding says, per rule: ids, dates and counts — never names, ID or phone numbers (the facts travel in events
 * and sit in lists). One finding per center, rule and subject (a person or a window).
 */
export const findingFactsSchema = z.discriminatedUnion("rule", [
  z.object({
    rule: z.literal("clerkAloneUnqualified"),
    centerId: z.string(),
    subject: staffSubject,
    details: z.object({
      windowId: z.string(),
      /** When the internship is (was) complete; absent when none is on record. */
      internshipEndsOn: isoDate.optional(),
      examPassedOn: isoDate.optional(),
      /** The internship's supervising colleague, when one is on record (not at this window, or not qualified). */
      supervisorId: z.string().optional(),
    }),
  }),
  z.object({
    rule: z.literal("residentMovedEarly"),
    centerId: z.string(),
    subject: staffSubject,
    details: z.object({
      departmentId: z.string().optional(),
      postStartedOn: isoDate,
      leftOn: isoDate,
      minimumServiceEndsOn: isoDate,
      /** The day the filing was made; later than `leftOn` means the move took effect before it was filed. */
      filedOn: isoDate,
      filedLate: z.boolean(),
      /** Where the person went. */
      toCenterId: z.string(),
      toRole: z.string(),
    }),
  }),
  z.object({
    rule: z.literal("keyPostOverdue"),
    centerId: z.string(),
    subject: staffSubject,
    details: z.object({
      departmentId: z.string().optional(),
      heldSince: isoDate,
      rotationDueOn: isoDate,
    }),
  }),
  z.object({
    rule: z.literal("windowUncovered"),
    centerId: z.string(),
    subject: windowSubject,
    details: z.object({
      windowCode: z.string(),
      departmentId: z.string().optional(),
      /** Staff assigned to the window who have started; none of them may work alone. */
      assigned: z.number().int().nonnegative(),
    }),
  }),
]);
export type FindingFacts = z.output<typeof findingFactsSchema>;
