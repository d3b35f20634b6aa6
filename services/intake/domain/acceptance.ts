import * as z from "zod";
import { businessDate } from "#shared/calendar/time-zone.ts";
import type { CalendarOverrides, WorkingCalendar } from "#shared/calendar/working-days.ts";
import { ConflictError, ForbiddenError, RuleViolationError, type FieldIssue } from "#shared/errors.ts";
import { idSchema } from "#shared/http/schemas.ts";
import { checkCitesGuide } from "#shared/rules/guide-citations.ts";
import type { Application, CorrectionItem } from "./application.ts";
import { missingRequired } from "./materials.ts";

const isoDate = z.iso.date();

/** Where the clerk decides: the document is then numbered in the window's own series (`2026-A03-000012`). */
const at = { windowId: idSchema("win").optional() };

/** The clerk's acceptance decision (art. 27): one of four outcomes, each with what its document needs. */
export const acceptanceDecisionSchema = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("accepted"), ...at }),
  z.object({
    outcome: z.literal("correction"),
    ...at,
    /** Everything to supplement or correct, at once (一次性告知): each tied to a material or a checkpoint of the guide. */
    items: z
      .array(
        z
          .object({
            material: z.string().trim().min(1).max(200).optional(),
            checkpoint: z.string().trim().min(1).max(500).optional(),
            reason: z.string().trim().min(2).max(500),
          })
          .refine((i) => (i.material === undefined) !== (i.checkpoint === undefined), {
            message: "name exactly one material or one checkpoint of the guide",
          }),
      )
      .min(1),
    deadline: isoDate.optional(),
  }),
  z.object({
    outcome: z.literal("tolerant"),
    ...at,
    /** The materials accepted as missing; by default every missing one. */
    missing: z.array(z.string().trim().min(1).max(200)).min(1).max(100).optional(),
    cureDeadline: isoDate.optional(),
  }),
  z.object({
    outcome: z.literal("rejected"),
    ...at,
    reasons: z.array(z.string().trim().min(2).max(500)).min(1),
  }),
]);
export type AcceptanceDecision = z.output<typeof acceptanceDecisionSchema>;

/** Accepting needs every required material (on paper, as an e-license or under a commitment). */
export function checkAcceptable(application: Application): void {
  const missing = missingRequired(application.materials);
  if (missing.length) {
    throw new RuleViolationError(
      "materials-missing",
      `Required materials are missing (${missing.join("、")}): request a correction, or accept with deficiencies if they are tolerable (art. 27).`,
      missing.map((name) => ({ path: ["outcome"], message: `${name} is missing` })),
    );
  }
}

/**
 * Art. 27(二), 28: a correction notice may not ask for more than the guide and its checkpoints require — every item
 * names a material or a checkpoint of the snapshotted guide.
 */
export function checkCorrection(application: Application, items: readonly CorrectionItem[]): void {
  checkCitesGuide(
    items,
    application.guide.guide,
    "A correction notice may only ask for what the guide requires (art. 27(二)).",
  );
}

/**
 * Art. 27(三), 37: only materials the guide marks tolerable may be missing at a tolerant acceptance, and every
 * missing required material must be among them. Returns the materials to cure.
 */
export function checkTolerant(application: Application, missing: readonly string[] | undefined): string[] {
  const absent = application.materials.filter((m) => m.status === "missing");
  const list = missing ?? absent.map((m) => m.name);
  const issues: FieldIssue[] = list.flatMap((name, i) => {
    const material = application.materials.find((m) => m.name === name);
    if (!material) return [{ path: ["missing", i], message: "not a material of the guide" }];
    if (material.status !== "missing") return [{ path: ["missing", i], message: "was provided" }];
    if (!material.tolerable)
      return [{ path: ["missing", i], message: "the guide does not allow this material to be missing" }];
    return [];
  });
  const uncovered = missingRequired(application.materials).filter((name) => !list.includes(name));
  for (const name of uncovered)
    issues.push({ path: ["missing"], message: `${name} is missing and not tolerable here` });
  if (!list.length) issues.push({ path: ["missing"], message: "nothing is missing: accept instead" });
  if (issues.length)
    throw new RuleViolationError(
      "not-tolerable",
      "Tolerant acceptance covers only materials the guide marks tolerable (art. 27(三)).",
      issues,
    );
  return [...list];
}

/**
 * The last day of the acceptance window (行政许可法 art. 32; art. 27(二)): the Nth working day after the materials
 * arrived (the arrival day not counted), in the center's calendar — the same period supervision's acceptance clock
 * runs. Once it is over the application is accepted as of the materials' arrival: a fact at the end of the window,
 * whether or not the sweep has recorded it yet.
 */
export function acceptanceWindowLastDay(
  materialsArrivedAt: string,
  days: number,
  calendar: Pick<WorkingCalendar, "addWorkingDays">,
  overrides?: CalendarOverrides,
): string {
  return calendar.addWorkingDays(businessDate(new Date(materialsArrivedAt)), days, overrides);
}

/** A decision after the window: the application was accepted by law as of the materials' arrival (409, art. 32). */
export class AcceptanceWindowPassedError extends ConflictError {
  override readonly code: string = "acceptance-window-passed";
  constructor(lastDay: string, acceptedAsOf: string, receipt?: { id: string; number: string }) {
    super(
      `The acceptance window ended on ${lastDay} with no decision: by 行政许可法 art. 32 the application is accepted as ` +
        `of the day its materials arrived (${businessDate(new Date(acceptedAsOf))})` +
        `${receipt ? `; deemed-acceptance receipt ${receipt.number} issued` : ""}. Ask for materials in review instead.`,
      {
        article: "行政许可法 art. 32",
        windowLastDay: lastDay,
        acceptedAsOf,
        ...(receipt ? { receiptDocumentId: receipt.id } : {}),
      },
    );
  }
}

/** The delegation part of an item's status in the center, as intake keeps it from the catalog's events. */
export interface Delegation {
  agreementRef: string;
  validFrom?: string;
  validUntil?: string;
}

/** Is the delegation agreement in force on this Beijing date (its term's both ends inclusive)? */
export const delegationInForce = (delegation: Delegation | undefined, today: string): boolean =>
  delegation !== undefined &&
  (delegation.validFrom === undefined || delegation.validFrom <= today) &&
  (delegation.validUntil === undefined || today <= delegation.validUntil);

/**
 * Art. 26: who may decide acceptance of an item. A clerk of a department's own window (a token naming the department)
 * accepts that department's items only; a clerk of the center's comprehensive windows (前台综合受理, no department)
 * accepts an item only where its department delegated acceptance to the center under an agreement in force. An
 * application taken on behalf of another region's center (art. 38, 跨域通办) is exempt: the receiving window takes it in
 * for the home center, whatever the home department delegated here.
 */
export function checkMayAccept(
  clerk: { departmentId?: string },
  application: Pick<Application, "departmentId" | "crossRegion">,
  delegation: Delegation | undefined,
  today: string,
): void {
  if (application.crossRegion) return;
  if (clerk.departmentId !== undefined) {
    if (clerk.departmentId === application.departmentId) return;
    throw new ForbiddenError(
      "Only the item's own department window, or a comprehensive window it delegated acceptance to, accepts it (art. 26).",
    );
  }
  if (delegationInForce(delegation, today)) return;
  throw new RuleViolationError(
    "acceptance-not-delegated",
    delegation
      ? `The department's delegation of acceptance to this center (${delegation.agreementRef}) is not in force today: its own window accepts this item (art. 26).`
      : "The department has not delegated the acceptance of this item to the center's comprehensive windows: its own window accepts it (art. 26).",
  );
}
