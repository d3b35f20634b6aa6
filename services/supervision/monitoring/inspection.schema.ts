import * as z from "zod";
import { dateTimeString, pageOf } from "#shared/http/schemas.ts";
import { FINDING_CATEGORIES, INSPECTION_KINDS } from "./domain/inspection.ts";

/** The answers about inspections (art. 53), described once. */
const datetime = dateTimeString;

export const inspectionSchema = z
  .object({
    id: z.string(),
    centerId: z.string(),
    kind: z.enum(INSPECTION_KINDS),
    inspectedAt: datetime,
    windowId: z.string().optional(),
    departmentId: z.string().optional(),
    summary: z.string(),
    findings: z.array(
      z.object({
        id: z.string(),
        category: z.enum(FINDING_CATEGORIES),
        description: z.string(),
        staffId: z.string().optional(),
        rectification: z
          .object({
            dueAt: datetime,
            state: z.enum(["open", "completed"]),
            measures: z.string().optional(),
            completedAt: datetime.optional(),
            onTime: z.boolean().optional(),
          })
          .optional(),
      }),
    ),
    recordedBy: z.string(),
    recordedAt: datetime,
    version: z.number().int(),
    updatedAt: datetime,
  })
  .meta({ id: "Inspection" });

export const inspectionPageSchema = pageOf(inspectionSchema, "InspectionPage");

export const staffAppraisalSchema = z
  .object({
    centerId: z.string(),
    month: z.string(),
    staff: z.array(
      z.object({
        staffId: z.string(),
        ratings: z.number().int(),
        satisfied: z.number().int(),
        poor: z.number().int().meta({ description: "差评, less those an appeal excluded" }),
        overdueCases: z.number().int(),
        inspectionFindings: z.number().int(),
        complianceFindings: z.number().int(),
      }),
    ),
  })
  .meta({ id: "StaffAppraisal" });
