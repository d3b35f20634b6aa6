import * as z from "zod";
import { LEVELS } from "./item.ts";

/** A consultation phone (art. 11): a Beijing landline (010-xxxxxxxx), 12345, or a mainland mobile. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^(010-?\d{8}|12345|1[3-9]\d{9})$/, "a Beijing landline (010-xxxxxxxx), 12345 or a mobile number");

export const departmentSchema = z.object({ id: z.string().min(1), name: z.string().trim().min(2) });

/** A service center (政务服务中心, art. 8–15). Issue 3 completes hours, zones, windows and stations. */
export const centerInputSchema = z.object({
  name: z.string().trim().min(2).max(100),
  level: z.enum(LEVELS),
  kind: z.enum(["comprehensive", "specialized"]),
  parentId: z.string().min(1).optional(),
  address: z.string().trim().min(4),
  consultationPhone: phoneSchema,
  departments: z.array(departmentSchema).default([]),
});
export type CenterInput = z.output<typeof centerInputSchema>;

export interface Center extends CenterInput {
  id: string;
  createdAt: string;
  version: number;
}
