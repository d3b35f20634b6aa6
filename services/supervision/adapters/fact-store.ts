import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
import type { RATING_LEVELS } from "../contract/rating-values.ts";

/**
 * What the monthly indicators and the staff appraisal count of the complaints' side, projected from its events into
 * the center-month partition they read (issue 22: once complaints is its own service, these reads cannot reach its
 * items; docs/supervision-split.md §3):
 *   ratingfact#<ratingId> / fact   a rating's level, unit, staff member and whether an appeal excluded it;
 *                                  gsi5 `rates#<centerId>#<YYYY-MM>` / `ratingfact#<ratingId>`
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

/** SET each field (undefined ones left out), and `keep` only where the item has none yet. */
function update(
  tableName: string,
  key: { pk: string; sk: string },
  set: Record<string, unknown>,
  keep: Record<string, unknown> = {},
) {
  const defined = (o: Record<string, unknown>) => Object.entries(o).filter(([, v]) => v !== undefined);
  const all = [
    ...defined(set).map(([n, v]) => [n, v, false] as const),
    ...defined(keep).map(([n, v]) => [n, v, true] as const),
  ];
  return dynamo().send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET ${all.map(([, , k], i) => (k ? `#f${i} = if_not_exists(#f${i}, :f${i})` : `#f${i} = :f${i}`)).join(", ")}`,
      ExpressionAttributeNames: Object.fromEntries(all.map(([n], i) => [`#f${i}`, n])),
      ExpressionAttributeValues: Object.fromEntries(all.map(([, v], i) => [`:f${i}`, v])),
    }),
  );
}

export function factStore(tableName: string) {
  return {
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
      const fields: Record<string, unknown> = {
        entity: "ratingFact",
        ratingId,
        ...rest,
        gsi5pk: `rates#${fact.centerId}#${fact.month}`,
        gsi5sk: `ratingfact#${ratingId}`,
      };
      const names = Object.keys(fields);
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: `ratingfact#${ratingId}`, sk: "fact" },
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
