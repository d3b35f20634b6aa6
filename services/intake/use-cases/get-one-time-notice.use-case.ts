import { NotFoundError } from "#shared/errors.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import { oneTimeNotice, type OneTimeNotice } from "../domain/one-time-notice.ts";

/** The one-time notice for an item, from the guide version in force (art. 20). */
export async function getOneTimeNotice(
  itemId: string,
  { reference }: Pick<IntakePorts, "reference">,
): Promise<OneTimeNotice> {
  const guide = await reference.currentGuide(itemId);
  if (!guide) throw new NotFoundError(`Item ${itemId} has no published guide.`);
  return oneTimeNotice(guide);
}
