import { assertCenterScope, type Principal } from "#shared/auth/principal.ts";
import { fromRecord } from "#shared/aws/records.ts";
import type { ComplaintsPorts } from "../adapters/ports.ts";
import type { Rating, Rectification } from "../domain/rating.ts";
import { hotspots, ratingRates, rectificationRates, workOrderRates } from "../contract/rates.ts";
import { contactWindowEnd, type WorkOrder } from "../domain/work-order.ts";
import { isBad } from "../domain/rating.ts";

type Ports = Pick<ComplaintsPorts, "ratings" | "clock" | "hotlinePolicy">;

/** The center itself, for work orders and ratings no department is responsible for. */
const CENTER = "center";

/**
 * `GET /v1/supervision/rates`: response, on-time, resolution and satisfaction rates of a center's work orders in a month,
 * its ratings and 差评 rectifications, the same per department, and the hotspots of complaints and 差评 (docs/rates.md).
 * One query of the center-month partition; computed as of now, so late follow-ups and appeals count once recorded.
 */
export async function supervisionRates(
  query: { centerId?: string; month: string },
  principal: Principal,
  ports: Ports,
) {
  const centerId = query.centerId ?? principal.centerId!;
  assertCenterScope(principal, centerId);
  const records = await ports.ratings.monthRecords(centerId, query.month);
  const of = <T>(entity: string) => records.filter((r) => r.entity === entity).map((r) => fromRecord<T>(r));
  const orders = of<WorkOrder>("workOrder");
  const ratings = of<Rating>("rating");
  const rectifications = of<Rectification>("rectification");
  const now = ports.clock.now().toISOString();

  const block = (o: WorkOrder[], r: Rating[], rc: Rectification[]) => ({
    workOrders: workOrderRates(
      o.map((order) => ({
        ...order,
        contactWindowEndsAt: contactWindowEnd(order.receivedAt, ports.hotlinePolicy),
      })),
      now,
    ),
    ratings: ratingRates(r),
    rectifications: rectificationRates(rc, now),
  });
  const departments = [
    ...new Set([
      ...orders.map((o) => o.unit?.departmentId ?? CENTER),
      ...ratings.map((r) => r.departmentId ?? CENTER),
    ]),
  ].sort();
  const complaints = orders.filter((o) => o.kind === "complaint");
  const bad = ratings.filter((r) => !r.excluded && isBad(r.level));
  return {
    centerId,
    month: query.month,
    asOf: now,
    ...block(orders, ratings, rectifications),
    byDepartment: departments.map((departmentId) => ({
      departmentId,
      ...block(
        orders.filter((o) => (o.unit?.departmentId ?? CENTER) === departmentId),
        ratings.filter((r) => (r.departmentId ?? CENTER) === departmentId),
        rectifications.filter((r) => (r.departmentId ?? CENTER) === departmentId),
      ),
    })),
    hotspots: {
      complaints: {
        byItem: hotspots(complaints, (o) => o.target.itemId),
        byWindow: hotspots(complaints, (o) => o.target.windowId),
        byStaff: hotspots(complaints, (o) => o.target.staffId),
      },
      badRatings: {
        byItem: hotspots(bad, (r) => r.itemId),
        byWindow: hotspots(bad, (r) => r.windowId),
        byStaff: hotspots(bad, (r) => r.staffId),
      },
    },
  };
}
