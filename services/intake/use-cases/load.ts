import { assertOwnerOrCenterStaff, type Principal } from "#shared/auth/principal.ts";
import { NotFoundError } from "#shared/errors.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import type { Application } from "../domain/application.ts";

/** An application the caller may see: its owner, or staff of its center (DESIGN.md, "HTTP API"). */
export async function visibleApplication(
  applicationId: string,
  principal: Principal,
  { applications }: Pick<IntakePorts, "applications">,
): Promise<Application> {
  const application = await applications.get(applicationId);
  if (!application) throw new NotFoundError(`Application ${applicationId} does not exist.`);
  assertOwnerOrCenterStaff(principal, { ownerId: application.ownerId ?? "", centerId: application.centerId });
  return application;
}
