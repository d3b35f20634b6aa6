import { NotFoundError, ValidationError } from "#shared/errors.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import { oneTimeNotice, type NoticeLanguage, type OneTimeNotice } from "../domain/one-time-notice.ts";

/**
 * The one-time notice for an item, from the guide version in force (art. 20) — for a center (`centerId`), with where
 * and when it is handled there and whom to ask; an item the center does not handle is said so (400 naming centerId).
 * Asked for in English (art. 15), it is in English where the guide has its English text, else in Chinese saying so.
 */
export async function getOneTimeNotice(
  itemId: string,
  centerId: string | undefined,
  language: NoticeLanguage,
  { reference }: Pick<IntakePorts, "reference">,
): Promise<OneTimeNotice> {
  const [guide, center, status] = await Promise.all([
    reference.currentGuide(itemId),
    centerId ? reference.center(centerId) : undefined,
    centerId ? reference.itemStatus(centerId, itemId) : undefined,
  ]);
  if (!guide) throw new NotFoundError(`Item ${itemId} has no published guide.`);
  if (centerId && (!center || status?.status.status !== "resident"))
    throw new ValidationError([
      { path: ["query", "centerId"], message: "the item is not handled in this center" },
    ]);
  return oneTimeNotice(guide, center, language);
}
