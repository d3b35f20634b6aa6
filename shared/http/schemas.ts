import * as z from "zod";
import { ID_PATTERN } from "../ids.ts";
import { isPlainName } from "../identity.ts";

/** A prefixed id in a path or body (`itm_01J…`). */
export const idSchema = (prefix: string) =>
  z
    .string()
    .regex(ID_PATTERN, "a prefixed id")
    .refine((v) => v.startsWith(`${prefix}_`), `an id starting with ${prefix}_`);

/**
 * A person's or an organisation's name: trimmed, plain text — no controls, zero-width, direction or byte-order
 * characters (400 naming the field), since names reach printed notices, messages and the hotline.
 */
export const plainName = (max: number, min = 2) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(isPlainName, "control, zero-width or direction characters are not allowed");

/** The RFC 9457 body every error response has (documented in the OpenAPI document). */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
      .optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details; routes may add extension members" });

/** Error responses most routes can give; merge into a route's `responses`. */
export const commonErrors = {
  400: { description: "Invalid input: every failing field is listed in `errors`", schema: problemSchema },
  401: { description: "Missing, invalid or expired token", schema: problemSchema },
  403: { description: "The role or scope does not allow this", schema: problemSchema },
} as const;

export const notFound = { 404: { description: "Not found", schema: problemSchema } } as const;
export const conflict = {
  409: { description: "Conflict with the current state", schema: problemSchema },
} as const;
export const unprocessable = {
  422: { description: "A business rule or Idempotency-Key reuse refused it", schema: problemSchema },
} as const;

/** Query parameters every list accepts (DESIGN.md: opaque `cursor` and `limit`). */
export const pageQuery = {
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
};

/** A calendar month, `YYYY-MM` (reports and rates). */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month, YYYY-MM");

/** An instant in an answer (ISO 8601 with offset); answers are described, not validated as input (issue 16). */
export const dateTimeString = z.string().meta({ format: "date-time" });

/** Every list answers `{ items, nextCursor }` of one item type (issue 16): the page of `item`, named `id`. */
export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional() }).meta({ id });

/** One step of a record's history, as every detail view shows it: the event that made it (issue 16). */
export const historyEntrySchema = z
  .object({
    id: z.string(),
    type: z.string(),
    occurredAt: dateTimeString,
    actor: z.object({ id: z.string(), role: z.string() }),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "HistoryEntry" });
