import * as z from "zod";
import { defineEvent } from "#shared/events/define-event.ts";

/**
 * Supervision's clock events other services act on (issue 7 raises them from its sweep). Declared now, as the
 * contract intake and review consume: the clock only reports that a deadline passed; the owning service decides.
 */
export const acceptanceWindowExpired = defineEvent(
  "clock.acceptance-window-expired",
  1,
  z.object({
    applicationId: z.string(),
    centerId: z.string(),
    /** When the materials arrived: a deemed acceptance dates from then (行政许可法 art. 32; art. 27(二)). */
    materialsArrivedAt: z.iso.datetime({ offset: true }),
    deadline: z.iso.datetime({ offset: true }),
  }),
  "Five working days passed after the materials arrived with no acceptance decision or correction notice.",
);

export const cureDeadlineExpired = defineEvent(
  "clock.cure-deadline-expired",
  1,
  z.object({
    applicationId: z.string(),
    centerId: z.string(),
    deadline: z.iso.datetime({ offset: true }),
    missingMaterials: z.array(z.string()),
  }),
  "A tolerant acceptance's cure deadline passed with deficiencies left (art. 27(三)): review denies.",
);
