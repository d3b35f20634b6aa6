import * as z from "zod";
import { idSchema } from "#shared/http/schemas.ts";
import { LEVELS } from "./levels.ts";

/** A service item (政务服务事项). Its code is unique across the catalog. */
export const itemInputSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{4,40}$/, "4–40 letters, digits or hyphens"),
  name: z.string().trim().min(2).max(100),
  departmentId: idSchema("dep"),
  level: z.enum(LEVELS),
});
export type ItemInput = z.output<typeof itemInputSchema>;

export interface Item extends ItemInput {
  id: string;
  /** Latest published guide version; 0 before the first guide. */
  currentGuideVersion: number;
  createdAt: string;
  version: number;
}
