import * as z from "zod";
import { defineEvent } from "#shared/events/define-event.ts";
import { FINDING_CATEGORIES, INSPECTION_KINDS } from "./inspection-values.ts";

const datetime = z.iso.datetime({ offset: true });

export const inspectionRecorded = defineEvent(
  "inspection.recorded",
  1,
  z.object({
    inspectionId: z.string(),
    centerId: z.string(),
    departmentId: z.string().optional(),
    windowId: z.string().optional(),
    kind: z.enum(INSPECTION_KINDS),
    inspectedAt: datetime,
    findings: z.array(
      z.object({
        findingId: z.string(),
        category: z.enum(FINDING_CATEGORIES),
        staffId: z.string().optional(),
        rectificationDueAt: datetime.optional(),
      }),
    ),
  }),
  "A window self-check, on-site patrol or electronic-monitoring review was recorded with its findings (art. 53); a finding with a deadline opens a rectification.",
);

export const inspectionFindingRectified = defineEvent(
  "inspection.finding-rectified",
  1,
  z.object({
    inspectionId: z.string(),
    centerId: z.string(),
    findingId: z.string(),
    completedAt: datetime,
    onTime: z.boolean(),
  }),
  "The unit recorded what it did about an inspection finding (art. 53).",
);

export const inspectionEvents = [inspectionRecorded, inspectionFindingRectified] as const;
