import { bjDate } from "./format.ts";

/**
 * Now, as the API sees it. Locally `npm start` runs on a virtual clock that tests and demos move forward
 * (`/_local/clock`); in AWS (where that path does not exist) it is the device's clock.
 */
export async function serverNow(): Promise<Date> {
  try {
    const res = await fetch("/_local/clock");
    if (res.ok) return new Date(((await res.json()) as { now: string }).now);
  } catch {
    // not the local stack
  }
  return new Date();
}

export const serverToday = async () => bjDate(await serverNow());
