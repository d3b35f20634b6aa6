import { BUSINESS_UTC_OFFSET_MS, businessDate } from "#shared/calendar/time-zone.ts";

/** How staff reached the applicant on a case (art. 30). */
export const CONTACT_CHANNELS = [
  "window",
  "phone",
  "sms",
  "email",
  "online",
  "onSiteInspection",
  "hearing",
  "meeting",
] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Where an in-person contact took place. */
export const CONTACT_PLACES = ["center", "applicantSite", "departmentOffice", "other"] as const;
export type ContactPlace = (typeof CONTACT_PLACES)[number];

/**
 * What the administration should look at (art. 30): a contact outside working time; an in-person contact away from the
 * center that is none of the necessary ones (on-site inspection at the applicant's site, a hearing); an applicant asked
 * to come to the department's own office (进驻审批部门不得要求群众和企业前往本部门).
 */
export const CONTACT_FLAGS = ["outsideHours", "offSite", "summonedToDepartment"] as const;
export type ContactFlag = (typeof CONTACT_FLAGS)[number];

const IN_PERSON: readonly ContactChannel[] = ["window", "onSiteInspection", "hearing", "meeting"];

/** Where an in-person contact took place unless the record says otherwise. */
export const defaultPlace = (channel: ContactChannel): ContactPlace | undefined =>
  channel === "onSiteInspection" ? "applicantSite" : IN_PERSON.includes(channel) ? "center" : undefined;

/** "09:00-17:00" → minutes of the Beijing day, [from, to). */
export function workingSpan(text: string): { from: number; to: number } {
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`Invalid working span "${text}": HH:MM-HH:MM`);
  const [from, to] = [Number(m[1]) * 60 + Number(m[2]), Number(m[3]) * 60 + Number(m[4])];
  if (!(from < to && to <= 24 * 60)) throw new Error(`Invalid working span "${text}"`);
  return { from, to };
}

/** Beijing minute of the day of an instant. */
const minuteOfDay = (at: Date) => Math.floor(((at.getTime() + BUSINESS_UTC_OFFSET_MS) % 86_400_000) / 60_000);

/**
 * The art. 30 flags of a contact: `isWorkingDay` is the working calendar (make-up days included), `span` the working
 * time of a working day. Flags are for review by the administration, not a refusal: the record is the point.
 */
export function contactFlags(
  contact: { channel: ContactChannel; place?: ContactPlace; at: string },
  isWorkingDay: (date: string) => boolean,
  span: { from: number; to: number },
): ContactFlag[] {
  const at = new Date(contact.at);
  const flags: ContactFlag[] = [];
  const minute = minuteOfDay(at);
  if (!isWorkingDay(businessDate(at)) || minute < span.from || minute >= span.to) flags.push("outsideHours");
  const place = contact.place ?? defaultPlace(contact.channel);
  const necessary =
    (contact.channel === "onSiteInspection" && place === "applicantSite") || contact.channel === "hearing";
  if (place !== undefined && place !== "center" && !necessary) flags.push("offSite");
  if (place === "departmentOffice") flags.push("summonedToDepartment");
  return flags;
}
