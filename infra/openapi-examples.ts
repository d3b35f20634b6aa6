import type * as z from "zod";
import { centerDetailSchema } from "#services/catalog/center.schema.ts";
import { itemWithGuideSchema } from "#services/catalog/item.schema.ts";
import { resultDeliveryWithHistorySchema } from "#services/delivery/result.schema.ts";
import { applicationWithHistorySchema } from "#services/intake/application.schema.ts";
import { reviewTaskWithHistorySchema } from "#services/review/task.schema.ts";
import { workOrderSchema } from "#services/supervision/complaints/work-order.schema.ts";
import application from "../docs/examples/application.json" with { type: "json" };
import center from "../docs/examples/center.json" with { type: "json" };
import delivery from "../docs/examples/delivery.json" with { type: "json" };
import item from "../docs/examples/item.json" with { type: "json" };
import reviewTask from "../docs/examples/review-task.json" with { type: "json" };
import workOrder from "../docs/examples/work-order.json" with { type: "json" };

/**
 * An example of each main resource, as the API answers it (issue 16): an application followed to its delivery, a
 * decided review task, a completed delivery, a center, an item with its guide and a 12345 work order. They are answers
 * recorded from a run of the local stack (names made realistic), kept in docs/examples/ and shown in the contract
 * beside their component; a unit test holds each against its schema (no field missing, none the schema does not
 * name), so an example cannot drift from the contract.
 */
export const componentExamples: readonly { component: string; schema: z.ZodType; example: unknown }[] = [
  { component: "ApplicationWithHistory", schema: applicationWithHistorySchema, example: application },
  { component: "ReviewTaskWithHistory", schema: reviewTaskWithHistorySchema, example: reviewTask },
  { component: "ResultDeliveryWithHistory", schema: resultDeliveryWithHistorySchema, example: delivery },
  { component: "CenterDetail", schema: centerDetailSchema, example: center },
  { component: "ItemWithGuide", schema: itemWithGuideSchema, example: item },
  { component: "WorkOrder", schema: workOrderSchema, example: workOrder },
];
