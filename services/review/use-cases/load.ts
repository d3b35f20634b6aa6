import { assertCenterScope, type Principal } from "#shared/auth/principal.ts";
import { NotFoundError } from "#shared/errors.ts";
import type { ReviewPorts } from "../adapters/ports.ts";
import type { ReviewTask } from "../domain/task.ts";

/** The review task of an application, for staff of its center (back-office approvers act for the center too). */
export async function taskOr404(
  applicationId: string,
  principal: Principal,
  { tasks }: Pick<ReviewPorts, "tasks">,
): Promise<ReviewTask> {
  const task = await tasks.get(applicationId);
  if (!task) throw new NotFoundError(`Application ${applicationId} has no review task (not accepted yet?).`);
  assertCenterScope(principal, task.centerId);
  return task;
}

/** Whether a signed-in person is stationed in the center (on its roster), as opposed to the department's back office. */
export async function isResident(
  userId: string,
  centerId: string,
  { reference }: Pick<ReviewPorts, "reference">,
): Promise<boolean> {
  return (await reference.staffByUser(userId))?.centerId === centerId;
}
