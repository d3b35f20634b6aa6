import * as z from "zod";
import { ConflictError, ForbiddenError, NotFoundError } from "#shared/errors.ts";
import { idSchema } from "#shared/http/schemas.ts";
import type { Principal } from "#shared/auth/principal.ts";
import { limitEnd } from "#shared/calendar/limits.ts";
import { INSPECTION_KINDS, FINDING_CATEGORIES } from "../contract/inspection-values.ts";

export { INSPECTION_KINDS, FINDING_CATEGORIES };

/**
 * Daily supervision of the people serving in a center (art. 53): the window's own self-check (窗口自查), an on-site
 * patrol (现场巡查) and electronic monitoring (电子监督, the cameras and the queue system), each with its findings
 * against the service norms of art. 48; a finding given a deadline opens a rectification the unit completes.
 */

export type InspectionKind = (typeof INSPECTION_KINDS)[number];

const text = (max: number) => z.string().trim().min(2).max(max);

const inspectionFields = {
  centerId: idSchema("ctr"),
  inspectedAt: z.iso.datetime({ offset: true }),
  windowId: idSchema("win").optional(),
  departmentId: idSchema("dep").optional(),
  summary: text(2000),
  findings: z
    .array(
      z.object({
        category: z.enum(FINDING_CATEGORIES),
        description: text(1000),
        /** The roster entry the finding concerns, if one person. */
        staffId: idSchema("stf").optional(),
        /** Days to rectify (calendar days, to 24:00 Beijing of the last): a rectification opens with this deadline. */
        rectifyWithinDays: z.number().int().min(1).max(60).optional(),
      }),
    )
    .max(50)
    .default([]),
};

/** A supervisor's patrol or monitoring review (`POST /v1/inspections`). */
export const inspectionInputSchema = z.object({
  kind: z.enum(["patrol", "electronicMonitoring"]),
  ...inspectionFields,
});
/** A window's own self-check (`POST /v1/self-checks`). */
export const selfCheckInputSchema = z.object(inspectionFields);
export type InspectionInput =
  z.output<typeof inspectionInputSchema> | (z.output<typeof selfCheckInputSchema> & { kind: "selfCheck" });

export interface FindingRectification {
  dueAt: string;
  state: "open" | "completed";
  measures?: string;
  completedAt?: string;
  onTime?: boolean;
}

export interface Finding {
  id: string;
  category: (typeof FINDING_CATEGORIES)[number];
  description: string;
  staffId?: string;
  rectification?: FindingRectification;
}

export interface Inspection extends Omit<InspectionInput, "findings"> {
  id: string;
  findings: Finding[];
  recordedBy: string;
  recordedAt: string;
  version: number;
  updatedAt: string;
}

/**
 * Who records which kind (the routes' roles): the window's own people check themselves; supervisors and the
 * administration patrol and watch. Whoever records, records in their own center.
 */
export const RECORDERS = {
  selfCheck: ["clerk", "chiefRep", "admin"],
  inspection: ["supervisor", "admin"],
} as const;

export function assertMayRecord(principal: Principal, input: Pick<InspectionInput, "centerId">): void {
  if (principal.centerId !== input.centerId) throw new ForbiddenError("This center is not yours.");
}

/** A new inspection: findings numbered in order, each with a deadline opening its rectification. */
export function newInspection(id: string, input: InspectionInput, by: string, at: string): Inspection {
  const { findings, ...rest } = input;
  return {
    ...rest,
    id,
    findings: findings.map(({ rectifyWithinDays, ...f }, i) => ({
      ...f,
      id: `f${i + 1}`,
      ...(rectifyWithinDays
        ? {
            rectification: {
              dueAt: limitEnd({ unit: "calendarDays", amount: rectifyWithinDays }, at),
              state: "open" as const,
            },
          }
        : {}),
    })),
    recordedBy: by,
    recordedAt: at,
    version: 1,
    updatedAt: at,
  };
}

/** The unit records what it did about a finding; on time if by its deadline. Once. */
export function rectifyFinding(
  inspection: Inspection,
  findingId: string,
  measures: string,
  at: string,
): { inspection: Inspection; finding: Finding } {
  const finding = inspection.findings.find((f) => f.id === findingId);
  if (!finding?.rectification)
    throw new NotFoundError(`Inspection ${inspection.id} has no finding ${findingId} to rectify.`);
  if (finding.rectification.state === "completed")
    throw new ConflictError("This finding's rectification is already completed.");
  const done: Finding = {
    ...finding,
    rectification: {
      ...finding.rectification,
      state: "completed",
      measures,
      completedAt: at,
      onTime: at <= finding.rectification.dueAt,
    },
  };
  return {
    inspection: {
      ...inspection,
      findings: inspection.findings.map((f) => (f.id === findingId ? done : f)),
      version: inspection.version + 1,
      updatedAt: at,
    },
    finding: done,
  };
}
