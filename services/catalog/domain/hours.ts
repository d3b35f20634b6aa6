import * as z from "zod";

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

export const timeRangeSchema = z
  .object({ from: z.string().regex(HHMM, "HH:MM"), to: z.string().regex(HHMM, "HH:MM") })
  .refine((r) => minutes(r.from) < minutes(r.to), { message: "`from` must be before `to`", path: ["to"] });
export type TimeRange = z.infer<typeof timeRangeSchema>;

/**
 * Service hours (art. 10): the legal working hours on every working day (immediate service, no appointment needed),
 * and extended hours — early, late, Saturday — served by appointment (art. 22). A remote mountain township may adjust
 * its hours only after the district government approves and the city administration records the filing: both
 * references are required.
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
    },
    // Zod runs an object's refinements even when a field check failed (an empty `workingDays`): these compare the
    // ranges, so they run only on hours that are otherwise valid — the caller sees the field's own issue instead.
    { when: (payload) => payload.issues.length === 0 },
  );
export type ServiceHours = z.output<typeof serviceHoursSchema>;

/** Whether `hours` serve at least the standard legal working hours (policy: Beijing's office hours). */
export function coversStandardHours(hours: ServiceHours, standard: readonly TimeRange[]): boolean {
  return standard.every((s) =>
    hours.workingDays.some((r) => minutes(r.from) <= minutes(s.from) && minutes(r.to) >= minutes(s.to)),
  );
}

/** "09:00-12:00,13:30-17:00" → ranges (the policy value's format). */
export function parseRanges(text: string): TimeRange[] {
  return text.split(",").map((part) => {
    const [from, to] = part.trim().split("-") as [string, string];
    return timeRangeSchema.parse({ from, to });
  });
}
