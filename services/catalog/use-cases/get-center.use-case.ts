import { NotFoundError } from "#shared/errors.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import type { Center } from "../domain/center.ts";

export async function getCenter(centerId: string, { store }: Pick<CatalogPorts, "store">): Promise<Center> {
  const center = await store.getCenter(centerId);
  if (!center) throw new NotFoundError(`Center ${centerId} does not exist.`);
  return center;
}
