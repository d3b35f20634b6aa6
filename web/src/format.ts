/** Dates and times as people in a Beijing center read them: Beijing time, whatever the device's zone. */
const ZONE = "Asia/Shanghai";

const dateTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});
const time = new Intl.DateTimeFormat("zh-CN", {
  timeZone: ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});
/** en-CA formats a date as YYYY-MM-DD: the API's date form. */
const isoDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

export const bjDateTime = (iso: string | undefined) => (iso ? dateTime.format(new Date(iso)) : "—");
export const bjTime = (iso: string | undefined) => (iso ? time.format(new Date(iso)) : "—");
/** The Beijing calendar date of an instant, as the API writes dates (2026-12-03). */
export const bjDate = (at: string | Date) => isoDate.format(typeof at === "string" ? new Date(at) : at);

/**
 * Working days from `today` (exclusive) up to `due` (inclusive), counted in the center's working days (from
 * `/v1/calendar/workdays`); negative when overdue — the days past it, counted the same way.
 */
export function workingDaysLeft(today: string, due: string, workdays: readonly string[]): number {
  if (due >= today) return workdays.filter((d) => d > today && d <= due).length;
  return -workdays.filter((d) => d > due && d <= today).length;
}
