import * as z from "zod";
import { dateTimeString, pageOf } from "#shared/http/schemas.ts";
import { guideContentSchema } from "./domain/guide.ts";
import { itemStatusInputSchema } from "./domain/item-status.ts";
import { itemInputSchema } from "./domain/item.ts";
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

export const itemSummaryPageSchema = pageOf(itemSummarySchema, "ItemSummaryPage");

const datetime = dateTimeString;

export const itemSchema = itemInputSchema
  .safeExtend({
    id: z.string(),
    currentGuideVersion: z.number().int().meta({ description: "0 before the first guide" }),
    createdAt: datetime,
    version: z.number().int(),
  })
  .meta({ id: "Item" });

export const guideVersionSchema = guideContentSchema
  .safeExtend({
    itemId: z.string(),
    version: z.number().int(),
    publishedAt: datetime,
    publishedBy: z.string(),
  })
  .meta({ id: "GuideVersion" });

export const itemWithGuideSchema = itemSchema
  .safeExtend({
    guide: guideVersionSchema.nullable().meta({ description: "The version asked for, or in force" }),
  })
  .meta({ id: "ItemWithGuide" });

export const itemStatusSchema = itemStatusInputSchema
  .safeExtend({
    centerId: z.string(),
    itemId: z.string(),
    guideVersion: z.number().int(),
    updatedAt: datetime,
    version: z.number().int(),
  })
  .meta({ id: "ItemStatus" });

export const centerItemSchema = itemStatusSchema
  .safeExtend({ item: itemSummarySchema })
  .meta({ id: "CenterItem" });

export const centerItemPageSchema = pageOf(centerItemSchema, "CenterItemPage");
