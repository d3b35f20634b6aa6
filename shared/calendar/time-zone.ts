/** Business dates are Beijing dates (DOMAIN.md: working days are counted in Asia/Shanghai). */
export const BUSINESS_TIME_ZONE = "Asia/Shanghai";

const dateFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: BUSINESS_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Beijing calendar date of an instant, as YYYY-MM-DD. */
export function businessDate(at: Date): string {
  return dateFormat.format(at);
}

/** Whole days from one YYYY-MM-DD date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
