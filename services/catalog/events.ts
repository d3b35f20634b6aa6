import * as z from "zod";
import { defineEvent } from "#shared/events/define-event.ts";
import { guideContentSchema } from "./domain/guide.ts";
import { LEVELS } from "./domain/item.ts";

const itemSummary = {
  itemId: z.string(),
  code: z.string(),
  name: z.string(),
  departmentId: z.string(),
  level: z.enum(LEVELS),
};

export const itemRegistered = defineEvent(
  "item.registered",
  1,
  z.object(itemSummary),
  "A service item was added to the catalog.",
);

/** Carries the full guide so every consumer can keep its own projection (DESIGN.md, "Data and events"). */
export const guidePublished = defineEvent(
  "item.guide-published",
  1,
  z.object({
    ...itemSummary,
    version: z.number().int().positive(),
    publishedAt: z.iso.datetime({ offset: true }),
    guide: guideContentSchema,
  }),
  "A new, immutable guide version of an item was published.",
);

export const centerRegistered = defineEvent(
  "center.registered",
  1,
  z.object({
    centerId: z.string(),
    name: z.string(),
    level: z.enum(LEVELS),
    kind: z.enum(["comprehensive", "specialized"]),
  }),
  "A service center was registered.",
);

export const calendarCoverageLow = defineEvent(
  "calendar.coverage-low",
  1,
  z.object({
    checkedOn: z.iso.date(),
    coveredUntil: z.iso.date(),
    daysLeft: z.number().int(),
    minDays: z.number().int(),
  }),
  "The holiday calendar data runs out soon: update the chinese-days package before deadlines are computed wrongly.",
);
