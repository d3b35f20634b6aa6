import * as z from "zod";
import { FESTIVALS } from "#shared/calendar/statutory-holidays.ts";

/**
 * Service hours as centers publish them (art. 10, 22): time ranges, rest-day openings, date openings.
 * Part of catalog's contract (issue 22): the values its events carry; catalog's domain re-exports them.
 */

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

export const timeRangeSchema = z
  .object({ from: z.string().regex(HHMM, "HH:MM"), to: z.string().regex(HHMM, "HH:MM") })
  .refine((r) => minutes(r.from) < minutes(r.to), { message: "`from` must be before `to`", path: ["to"] });
export type TimeRange = z.infer<typeof timeRangeSchema>;

/**
 * What a center offers in a period (the regime, 服务安排): full service in the legal working hours of working days;
 * `appointment` in extended hours (early, late, Saturday: by appointment, walk-ins still taken, art. 22);
 * `consultationAndReceipt` — consultation, receipt of documents and assisted self-service only, no application
 * handled at a window; `selfService` — the self-service area alone, unstaffed.
 */
export const OFFERS = ["full", "appointment", "consultationAndReceipt", "selfService"] as const;
export type Offer = (typeof OFFERS)[number];

/** The kinds of rest day a center may open on: plain Saturdays, plain Sundays, and public holidays (any weekday). */
export const REST_DAY_KINDS = ["saturday", "sunday", "holiday"] as const;

/**
 * An opening on rest days: which kinds of rest day, the hours and what is offered. A holiday of a listed festival
 * stays closed (the city center: open all year except the Spring Festival holiday). A Saturday or Sunday inside a
 * holiday is a holiday. Rest days are not working days: a deadline does not count them, whatever is open.
 */
/** What a center may offer on a rest day: never full service (rest days are not working days). */
export const REST_DAY_OFFERS = ["appointment", "consultationAndReceipt", "selfService"] as const;

export const restDayOpeningSchema = z.object({
  on: z.array(z.enum(REST_DAY_KINDS)).min(1).max(3),
  exceptFestivals: z.array(z.enum(FESTIVALS)).max(7).optional(),
  hours: z.array(timeRangeSchema).min(1).max(4),
  offers: z.enum(REST_DAY_OFFERS),
});
export type RestDayOpening = z.infer<typeof restDayOpeningSchema>;

/**
 * One rest day a center opens (a weekend of a campaign, a holiday the district asks it to serve), with its hours and
 * what it offers; on that date it replaces the center's rest-day openings. Like a closure, it is the center's own: the
 * day stays a rest day for deadlines.
 */
export const dateOpeningSchema = z.object({
  date: z.iso.date(),
  reason: z.string().trim().min(2).max(200),
  hours: z
    .array(timeRangeSchema)
    .min(1)
    .max(4)
    .refine(
      (ranges) => {
        const sorted = [...ranges].sort((a, b) => minutes(a.from) - minutes(b.from));
        return sorted.every((r, i) => i === 0 || minutes(r.from) >= minutes(sorted[i - 1]!.to));
      },
      { message: "Ranges overlap." },
    ),
  offers: z.enum(REST_DAY_OFFERS),
});
export type DateOpening = z.output<typeof dateOpeningSchema>;

/**
 * Service hours (art. 10): the legal working hours on every working day (immediate service, no appointment needed),
 * and extended hours — early, late, plain Saturdays — served by appointment (art. 22); openings on other rest days
 * with what they offer (`restDays`); a self-service area's hours (`selfService`, `allDay` for a 24-hour area). A
 * public holiday is closed unless a rest-day opening covers it. A remote mountain township may adjust its hours only
 * after the district government approves and the city administration records the filing: both references are required.
 */
export const serviceHoursSchema = z
  .object({
    workingDays: z.array(timeRangeSchema).min(1).max(4),
    extended: z
      .object({
        early: timeRangeSchema.optional(),
        late: timeRangeSchema.optional(),
        saturday: z.array(timeRangeSchema).max(4).optional(),
      })
      .default({}),
    restDays: z.array(restDayOpeningSchema).max(6).optional(),
    selfService: z
      .union([
        z.object({ allDay: z.literal(true) }),
        z.object({ hours: z.array(timeRangeSchema).min(1).max(4) }),
      ])
      .optional(),
    adjustment: z
      .object({
        reason: z.string().trim().min(2).max(500),
        districtApprovalRef: z.string().trim().min(2).max(200),
        cityFilingRef: z.string().trim().min(2).max(200),
      })
      .optional(),
  })
  .superRefine(
    (h, ctx) => {
      const sorted = [...h.workingDays].sort((a, b) => minutes(a.from) - minutes(b.from));
      for (let i = 1; i < sorted.length; i++) {
        if (minutes(sorted[i]!.from) < minutes(sorted[i - 1]!.to)) {
          ctx.addIssue({ code: "custom", path: ["workingDays"], message: "Working-hour ranges overlap." });
        }
      }
      const first = sorted[0]!;
      const last = sorted.at(-1)!;
      if (h.extended.early && minutes(h.extended.early.to) > minutes(first.from)) {
        ctx.addIssue({
          code: "custom",
          path: ["extended", "early", "to"],
          message: "Early hours must end before the legal hours begin.",
        });
      }
      if (h.extended.late && minutes(h.extended.late.from) < minutes(last.to)) {
        ctx.addIssue({
          code: "custom",
          path: ["extended", "late", "from"],
          message: "Late hours must begin after the legal hours end.",
        });
      }
      // Two openings of one kind of rest day may not overlap (nor a Saturday opening the Saturday hours).
      for (const kind of REST_DAY_KINDS) {
        const ranges = [
          ...(kind === "saturday"
            ? (h.extended.saturday ?? []).map((r) => ({ r, path: ["extended", "saturday"] }))
            : []),
          ...(h.restDays ?? []).flatMap((o, i) =>
            o.on.includes(kind) ? o.hours.map((r) => ({ r, path: ["restDays", i, "hours"] })) : [],
          ),
        ].sort((a, b) => minutes(a.r.from) - minutes(b.r.from));
        for (let i = 1; i < ranges.length; i++) {
          if (minutes(ranges[i]!.r.from) < minutes(ranges[i - 1]!.r.to)) {
            ctx.addIssue({ code: "custom", path: ranges[i]!.path, message: `Overlaps other ${kind} hours.` });
          }
        }
      }
    },
    // Zod runs an object's refinements even when a field check failed (an empty `workingDays`): these compare the
    // ranges, so they run only on hours that are otherwise valid — the caller sees the field's own issue instead.
    { when: (payload) => payload.issues.length === 0 },
  );
export type ServiceHours = z.output<typeof serviceHoursSchema>;
