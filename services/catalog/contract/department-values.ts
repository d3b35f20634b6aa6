import * as z from "zod";

/**
 * An approving department stationed in a center (art. 42–44), as the catalog publishes it.
 * Part of catalog's contract (issue 22): the values its events carry; catalog's domain re-exports them.
 */

/** An approving department stationed in a center (进驻审批部门, art. 42–44). */
export const departmentInputSchema = z.object({
  name: z.string().trim().min(2).max(100),
});
export type DepartmentInput = z.output<typeof departmentInputSchema>;
