import * as z from "zod";
import { itemStatusInputSchema } from "./domain/item-status.ts";
import { LEVELS } from "./domain/levels.ts";

/**
 * The answers about items in lists (issue 16): one item type for `GET /v1/items` whatever narrows it (a keyword, a
 * department, a level, a center), and one row type for a center's item statuses — described once, for the contract
 * and the contract test.
 */
export const itemSummarySchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    departmentId: z.string(),
    level: z.enum(LEVELS),
  })
  .meta({ id: "ItemSummary" });

export const itemSummaryPageSchema = z
  .object({ items: z.array(itemSummarySchema), nextCursor: z.string().optional() })
  .meta({ id: "ItemSummaryPage" });

export const centerItemSchema = itemStatusInputSchema
  .safeExtend({
    centerId: z.string(),
    itemId: z.string(),
    guideVersion: z.number().int(),
    updatedAt: z.string().meta({ format: "date-time" }),
    version: z.number().int(),
    item: itemSummarySchema,
  })
  .meta({ id: "CenterItem" });

export const centerItemPageSchema = z
  .object({ items: z.array(centerItemSchema), nextCursor: z.string().optional() })
  .meta({ id: "CenterItemPage" });
