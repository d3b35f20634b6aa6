import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
import { isConditionFailure, queryAll } from "#shared/aws/dynamo.ts";
import { eventOrder } from "#shared/aws/projection.ts";
import type { ORIGINS, REQUEST_KINDS } from "#services/supervision/complaints/contract/work-order-values.ts";
import type { RATING_LEVELS } from "#services/supervision/complaints/contract/rating-values.ts";

/**
 * What the monthly indicators and the staff appraisal count of the complaints' side, projected from its events into
 * the center-month partition they read (issue 22: once complaints is its own service, these reads cannot reach its
 * items; docs/supervision-split.md §3):
 *   ratingfacts#<centerId>#<YYYY-MM> / ratingfact#<ratingId>   a rating's level, unit, staff member and whether an
 *                                  appeal excluded it: in its center-month partition itself, not through gsi5, since
 *                                  a rating's center and month never change (one write a rating instead of two)
 *   wofact#<workOrderId> / fact   a work order's origin, kind, lead unit, reply deadline, first contact, reply and
 *                                  last follow-up; gsi5 `rates#<unit's centerId>#<month received>` / `wofact#<id>`
 *   rectfact#<rectificationId> / fact   a 差评's rectification: unit, due time, state, on time;
 *                                  gsi5 `rates#<centerId>#<YYYY-MM>` / `rectfact#<rectificationId>` (its rating's month)
 * Each event sets only what it knows, so the facts are the same whatever order the events arrive in.
 */
export interface RatingFact {
  ratingId: string;
  centerId: string;
  departmentId?: string;
  staffId?: string;
  level: (typeof RATING_LEVELS)[number];
  month: string;
  excluded: boolean;
}

export interface RectificationFact {
  rectificationId: string;
  ratingId: string;
  centerId: string;
  departmentId?: string;
  month?: string;
  dueAt?: string;
  state: "open" | "completed" | "cancelled";
  onTime?: boolean;
}

export interface WorkOrderFact {
  workOrderId: string;
  origin: (typeof ORIGINS)[number];
  kind: (typeof REQUEST_KINDS)[number];
  receivedAt: string;
  month: string;
  replyDueAt: string;
  /** From `work-order.received` (absent on orders received before it carried it). */
  contactWindowEndsAt?: string;
  unit?: { centerId: string; departmentId?: string };
  contactedCallerAt?: string;
  repliedAt?: string;
  followUp?: { reached: boolean; resolved?: boolean; satisfied?: boolean };
}

/**
 * SET each field (undefined ones left out), and `keep` only where the item has none yet. With `newer`, only if the
 * item's `<attribute>` order is older than the event's (a late event changes nothing; false then).
 */
async function update(
  tableName: string,
  key: { pk: string; sk: string },
  set: Record<string, unknown>,
  keep: Record<string, unknown> = {},
  newer?: { attribute: string; order: string },
): Promise<boolean> {
  if (newer) set = { ...set, [newer.attribute]: newer.order };
  const defined = (o: Record<string, unknown>) => Object.entries(o).filter(([, v]) => v !== undefined);
  const all = [
    ...defined(set).map(([n, v]) => [n, v, false] as const),
    ...defined(keep).map(([n, v]) => [n, v, true] as const),
  ];
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        ...(newer
          ? {
              ConditionExpression: `attribute_not_exists(#f${all.findIndex(([n]) => n === newer.attribute)}) OR #f${all.findIndex(([n]) => n === newer.attribute)} < :newer`,
            }
          : {}),
        UpdateExpression: `SET ${all.map(([, , k], i) => (k ? `#f${i} = if_not_exists(#f${i}, :f${i})` : `#f${i} = :f${i}`)).join(", ")}`,
        ExpressionAttributeNames: Object.fromEntries(all.map(([n], i) => [`#f${i}`, n])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(all.map(([, v], i) => [`:f${i}`, v])),
          ...(newer ? { ":newer": newer.order } : {}),
        },
      }),
    );
    return true;
  } catch (error) {
    if (newer && isConditionFailure(error)) return false;
    throw error;
  }
}

export function factStore(tableName: string) {
  const woKey = (id: string) => ({ pk: `wofact#${id}`, sk: "fact" });
  const ratingKey = (f: Pick<RatingFact, "centerId" | "month" | "ratingId">) => ({
    pk: `ratingfacts#${f.centerId}#${f.month}`,
    sk: `ratingfact#${f.ratingId}`,
  });
  return {
    /**
     * Everything counted for one center and month (gsi5 `rates#<centerId>#<YYYY-MM>`): the stopped clocks and raised
     * warnings, inspections and compliance findings of this side, the facts of the complaints' side — and the
     * month's ratings, from their own partition.
     */
    async monthRecords(centerId: string, month: string) {
      const [indexed, ratings] = await Promise.all([
        queryAll(tableName, `rates#${centerId}#${month}`, "", "gsi5"),
        queryAll(tableName, ratingKey({ centerId, month, ratingId: "" }).pk, "ratingfact#"),
      ]);
      return [...indexed, ...ratings];
    },

    /**
     * What every work-order event says of it: origin, kind, receipt (and so its month). The lead unit and the reply
     * deadline as of this event, kept only if no later event set them (dispatch and transfer move them).
     */
    async saveWorkOrder(
      fact: Pick<
        WorkOrderFact,
        | "workOrderId"
        | "origin"
        | "kind"
        | "receivedAt"
        | "month"
        | "replyDueAt"
        | "unit"
        | "contactWindowEndsAt"
      >,
      event: { occurredAt: string; id: string },
    ): Promise<void> {
      const { workOrderId, unit, replyDueAt, ...base } = fact;
      await update(tableName, woKey(workOrderId), { entity: "workOrderFact", workOrderId, ...base });
      await update(
        tableName,
        woKey(workOrderId),
        {
          replyDueAt,
          unit,
          ...(unit
            ? { gsi5pk: `rates#${unit.centerId}#${fact.month}`, gsi5sk: `wofact#${workOrderId}` }
            : {}),
        },
        {},
        { attribute: "leadOrder", order: eventOrder(event) },
      );
    },

    /**
     * The first contact with the caller counts for the response rate (响应率): the earliest recorded stays, whatever
     * order the events arrive in (a reply is a contact too, work-order.ts `reply`).
     */
    async saveWorkOrderContact(workOrderId: string, contactedCallerAt: string): Promise<void> {
      try {
        await dynamo().send(
          new UpdateCommand({
            TableName: tableName,
            Key: woKey(workOrderId),
            UpdateExpression: "SET contactedCallerAt = :c",
            ConditionExpression: "attribute_not_exists(contactedCallerAt) OR contactedCallerAt > :c",
            ExpressionAttributeValues: { ":c": contactedCallerAt },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    async saveWorkOrderReply(workOrderId: string, repliedAt: string): Promise<void> {
      await update(tableName, woKey(workOrderId), { repliedAt });
    },

    /** The latest follow-up call counts (resolved, satisfied), as on the work order itself. */
    async saveWorkOrderFollowUp(
      workOrderId: string,
      followUp: NonNullable<WorkOrderFact["followUp"]>,
      event: { occurredAt: string; id: string },
    ): Promise<void> {
      await update(
        tableName,
        woKey(workOrderId),
        { followUp },
        {},
        {
          attribute: "followUpOrder",
          order: eventOrder(event),
        },
      );
    },

    /**
     * Record what an event says of a rectification. The opening's state (`open`) never overwrites a completion or a
     * cancellation that arrived first; the center-month partition is set once the month is known.
     */
    async saveRectification(fact: RectificationFact): Promise<void> {
      const { state, ...rest } = fact;
      await update(
        tableName,
        { pk: `rectfact#${fact.rectificationId}`, sk: "fact" },
        {
          entity: "rectificationFact",
          ...rest,
          ...(fact.month
            ? { gsi5pk: `rates#${fact.centerId}#${fact.month}`, gsi5sk: `rectfact#${fact.rectificationId}` }
            : {}),
          ...(state === "open" ? {} : { state }),
        },
        state === "open" ? { state } : {},
      );
    },

    /**
     * Record a rating's facts. `excluded` undefined (the rating itself) keeps a decision already recorded, and is
     * false otherwise; a decision sets it.
     */
    async saveRating(fact: Omit<RatingFact, "excluded"> & { excluded?: boolean }): Promise<void> {
      const { ratingId, excluded, ...rest } = fact;
      const fields: Record<string, unknown> = { entity: "ratingFact", ratingId, ...rest };
      const names = Object.keys(fields);
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName,
          Key: ratingKey(fact),
          UpdateExpression: `SET ${[
            ...names.map((n, i) => `#f${i} = :f${i}`),
            excluded === undefined ? "excluded = if_not_exists(excluded, :false)" : "excluded = :excluded",
          ].join(", ")}`,
          ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
          ExpressionAttributeValues: {
            ...Object.fromEntries(names.map((n, i) => [`:f${i}`, fields[n]])),
            ...(excluded === undefined ? { ":false": false } : { ":excluded": excluded }),
          },
        }),
      );
    },
  };
}

export type FactStore = ReturnType<typeof factStore>;
