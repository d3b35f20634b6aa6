import type { ORIGINS, REQUEST_KINDS } from "./work-order-values.ts";
import { isBad, isSatisfied, RATING_LEVELS, type RatingLevel } from "./rating-values.ts";

/**
 * Supervision rates of a center and month (art. 52–54; DOMAIN.md 接诉即办 and 好差评) — the definitions are written out
 * in docs/rates.md. Pure: computed from the month's work orders, ratings and rectifications as of `now`. A rate whose
 * denominator is 0 is `null` (not 0 %, not 100 %).
 *
 * Part of complaints' contract (issue 22): complaints answers the rates from its own records, and monitoring's monthly
 * indicators count the same figures from what complaints' events said; one definition serves both, and it reads only
 * the values those events carry.
 */
export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}
export const ratio = (numerator: number, denominator: number): Ratio => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000,
});

export interface WorkOrderRates {
  received: number;
  byOrigin: Record<string, number>;
  byKind: Record<string, number>;
  /** 响应率: caller contacted by the contact deadline, among orders whose deadline passed or that were contacted. */
  response: Ratio;
  /** Replied by the reply deadline, among orders replied or past their deadline. */
  onTimeReply: Ratio;
  /** 解决率 and 满意率: among follow-up calls that reached the caller. */
  resolution: Ratio;
  satisfaction: Ratio;
}

/** What the work-order rates read of an order (monitoring counts them from its facts, issue 22). */
export interface CountedWorkOrder {
  origin: (typeof ORIGINS)[number];
  kind: (typeof REQUEST_KINDS)[number];
  receivedAt: string;
  /** As of the latest dispatch or transfer. */
  replyDueAt: string;
  /** The end of the window to reach the caller (`HOTLINE_CONTACT_HOURS` after receipt). */
  contactWindowEndsAt: string;
  contactedCallerAt?: string;
  repliedAt?: string;
  followUp?: { reached: boolean; resolved?: boolean; satisfied?: boolean };
}

/** When the caller had to be contacted by: the contact window's end, or the reply deadline if that comes first. */
export const contactDueAt = (o: Pick<CountedWorkOrder, "contactWindowEndsAt" | "replyDueAt">) =>
  o.contactWindowEndsAt < o.replyDueAt ? o.contactWindowEndsAt : o.replyDueAt;

export function workOrderRates(orders: readonly CountedWorkOrder[], now: string): WorkOrderRates {
  const count = (key: (o: CountedWorkOrder) => string) =>
    orders.reduce<Record<string, number>>((acc, o) => ({ ...acc, [key(o)]: (acc[key(o)] ?? 0) + 1 }), {});
  let responded = 0;
  let responseDue = 0;
  let repliedOnTime = 0;
  let replyDue = 0;
  for (const o of orders) {
    const contactBy = contactDueAt(o);
    if (o.contactedCallerAt || contactBy <= now) {
      responseDue++;
      if (o.contactedCallerAt && o.contactedCallerAt <= contactBy) responded++;
    }
    if (o.repliedAt || o.replyDueAt <= now) {
      replyDue++;
      if (o.repliedAt && o.repliedAt <= o.replyDueAt) repliedOnTime++;
    }
  }
  const reached = orders.filter((o) => o.followUp?.reached);
  return {
    received: orders.length,
    byOrigin: count((o) => o.origin),
    byKind: count((o) => o.kind),
    response: ratio(responded, responseDue),
    onTimeReply: ratio(repliedOnTime, replyDue),
    resolution: ratio(reached.filter((o) => o.followUp!.resolved).length, reached.length),
    satisfaction: ratio(reached.filter((o) => o.followUp!.satisfied).length, reached.length),
  };
}

export interface RatingRates {
  /** Ratings counted (not excluded on appeal). */
  total: number;
  excluded: number;
  distribution: Record<RatingLevel, number>;
  /** 非常满意 + 满意 + 基本满意 among the counted ratings. */
  satisfaction: Ratio;
  bad: number;
}

export function ratingRates(ratings: readonly { level: RatingLevel; excluded?: boolean }[]): RatingRates {
  const counted = ratings.filter((r) => !r.excluded);
  const distribution = Object.fromEntries(RATING_LEVELS.map((l) => [l, 0])) as Record<RatingLevel, number>;
  for (const r of counted) distribution[r.level]++;
  return {
    total: counted.length,
    excluded: ratings.length - counted.length,
    distribution,
    satisfaction: ratio(counted.filter((r) => isSatisfied(r.level)).length, counted.length),
    bad: counted.filter((r) => isBad(r.level)).length,
  };
}

export interface RectificationRates {
  opened: number;
  completed: number;
  open: number;
  cancelled: number;
  /** Completed by the deadline, among those completed or past their deadline (cancelled ones left out). */
  onTime: Ratio;
}

export function rectificationRates(
  list: readonly { state: "open" | "completed" | "cancelled"; onTime?: boolean; dueAt: string }[],
  now: string,
): RectificationRates {
  const live = list.filter((r) => r.state !== "cancelled");
  const due = live.filter((r) => r.state === "completed" || r.dueAt <= now);
  return {
    opened: list.length,
    completed: live.filter((r) => r.state === "completed").length,
    open: live.filter((r) => r.state === "open").length,
    cancelled: list.length - live.length,
    onTime: ratio(due.filter((r) => r.onTime).length, due.length),
  };
}

export interface Hotspot {
  key: string;
  count: number;
}

/** The most frequent targets, most first (ties by key, so the order is stable). */
export function hotspots<T>(list: readonly T[], key: (t: T) => string | undefined, top = 10): Hotspot[] {
  const counts = new Map<string, number>();
  for (const t of list) {
    const k = key(t);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts]
    .map(([k, count]) => ({ key: k, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, top);
}
