import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type { SupervisionPorts } from "../adapters/ports.ts";
import type { ratingAppealDecided, ratingSubmitted } from "../contract/rating-events.ts";

type Ports = Pick<SupervisionPorts, "facts">;

/**
 * The ratings as the monthly indicators and the staff appraisal count them (issue 22): from the complaints' events,
 * not from the rating items, which leave this table with complaints.
 */
export async function projectRatingSubmitted(e: TypedEnvelope<typeof ratingSubmitted>, { facts }: Ports) {
  const d = e.data;
  await facts.saveRating({
    ratingId: d.ratingId,
    centerId: d.centerId,
    ...(d.departmentId ? { departmentId: d.departmentId } : {}),
    ...(d.staffId ? { staffId: d.staffId } : {}),
    level: d.level,
    month: d.month,
  });
}

/** An upheld appeal excludes the rating from the rates and from the appraisal (art. 52). */
export async function projectRatingAppealDecided(
  e: TypedEnvelope<typeof ratingAppealDecided>,
  { facts }: Ports,
) {
  const d = e.data;
  await facts.saveRating({
    ratingId: d.ratingId,
    centerId: d.centerId,
    ...(d.departmentId ? { departmentId: d.departmentId } : {}),
    level: d.level,
    month: d.month,
    excluded: d.upheld,
  });
}
