import { fromRecord } from "#shared/aws/records.ts";
import { getItem, putNew, putVersioned, transactWrite, type TransactItem } from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { eventOrder, putIfNewer } from "#shared/aws/projection.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import type { Rating, RatingSubject, Rectification, ServedFacts } from "../domain/rating.ts";

/**
 * Ratings and rectifications:
 *   rating#<id> / rating                       the rating (versioned), its events beside it
 *   rated#<ticket|application>#<id> / rated    one rating per visit or case: the claim the rating's write makes
 *   rect#<id> / rect                           a 差评's rectification (versioned), its events beside it
 *   served#ticket#<ticketId> / served          a completed visit (from ticket.completed): where, which window, when
 *   served#application#<id> / served           a case: open from application.submitted, complete from
 *                                              clock.case-stopped — where, by whom, when (issue 22: not the clock)
 * Indexes:
 *   gsi4 rectificationsByCenter   rect#<centerId>  /  <openedAt>#<id>
 *   gsi5 ratesByCenterMonth       rates#<centerId>#<YYYY-MM>  /  rating#<id> | rect#<id>
 */
const ratingKey = (id: string) => ({ pk: `rating#${id}`, sk: "rating" });
const rectKey = (id: string) => ({ pk: `rect#${id}`, sk: "rect" });
const claimKey = (s: RatingSubject) => ({
  pk: `rated#${s.kind}#${s.kind === "ticket" ? s.ticketId : s.applicationId}`,
  sk: "rated",
});

const ratingRecord = (r: Rating) => ({
  ...ratingKey(r.id),
  entity: "rating",
  ...r,
  gsi5pk: `rates#${r.centerId}#${r.month}`,
  gsi5sk: `rating#${r.id}`,
});
const rectRecord = (r: Rectification) => ({
  ...rectKey(r.id),
  entity: "rectification",
  ...r,
  gsi4pk: `rect#${r.centerId}`,
  gsi4sk: `${r.openedAt}#${r.id}`,
  gsi5pk: `rates#${r.centerId}#${r.month}`,
  gsi5sk: `rect#${r.id}`,
});

export function ratingStore(tableName: string) {
  const events = (pk: string, list: Envelope[]): TransactItem[] =>
    list.map((e) => putNew(tableName, eventItem(e, pk)));

  return {
    async get(id: string): Promise<Rating | undefined> {
      const item = await getItem(tableName, ratingKey(id));
      return item && fromRecord<Rating>(item);
    },

    async rectification(id: string): Promise<Rectification | undefined> {
      const item = await getItem(tableName, rectKey(id));
      return item && fromRecord<Rectification>(item);
    },

    /** A new rating (and its rectification, for a 差评) — refused if the visit or case was rated already. */
    async create(rating: Rating, rectification: Rectification | undefined, list: Envelope[]): Promise<void> {
      await transactWrite(
        [
          putNew(tableName, { ...claimKey(rating.subject), entity: "ratingClaim", ratingId: rating.id }),
          putNew(tableName, ratingRecord(rating)),
          ...(rectification ? [putNew(tableName, rectRecord(rectification))] : []),
          ...events(ratingKey(rating.id).pk, list),
        ],
        (index) =>
          index === 0
            ? new ConflictError("This service has already been rated (one rating per visit or case).")
            : new ConflictError("The rating could not be stored; try again."),
      );
    },

    async save(change: { rating?: Rating; rectification?: Rectification }, list: Envelope[]): Promise<void> {
      const pk = change.rating ? ratingKey(change.rating.id).pk : rectKey(change.rectification!.id).pk;
      await transactWrite(
        [
          ...(change.rating ? [putVersioned(tableName, ratingRecord(change.rating))] : []),
          ...(change.rectification ? [putVersioned(tableName, rectRecord(change.rectification))] : []),
          ...events(pk, list),
        ],
        () => new ConflictError("It changed meanwhile; read it again."),
      );
    },

    listRectifications(
      centerId: string,
      state: Rectification["state"] | undefined,
      page: { cursor?: string; limit: number },
    ): Promise<Page<Rectification>> {
      return queryPage(
        {
          TableName: tableName,
          IndexName: "gsi4",
          KeyConditionExpression: "gsi4pk = :pk",
          ...(state
            ? { FilterExpression: "#state = :state", ExpressionAttributeNames: { "#state": "state" } }
            : {}),
          ExpressionAttributeValues: { ":pk": `rect#${centerId}`, ...(state ? { ":state": state } : {}) },
          ScanIndexForward: false,
        },
        page,
        ["pk", "sk", "gsi4pk", "gsi4sk"],
        (item) => fromRecord<Rectification>(item),
      );
    },

    saveServedTicket: (ticketId: string, facts: ServedFacts, order: { occurredAt: string; id: string }) =>
      putIfNewer(
        tableName,
        { pk: `served#ticket#${ticketId}`, sk: "served", entity: "servedVisit", ticketId, ...facts },
        eventOrder(order),
      ),

    /**
     * A case as the events tell it: submitted (no facts yet), then complete with its facts. Later events win
     * (putIfNewer on the events' order), so a stop that arrives before the submission is never undone by it.
     */
    saveServedCase: (
      applicationId: string,
      served: ServedFacts | undefined,
      order: { occurredAt: string; id: string },
    ) =>
      putIfNewer(
        tableName,
        {
          pk: `served#application#${applicationId}`,
          sk: "served",
          entity: "servedCase",
          applicationId,
          complete: served !== undefined,
          ...served,
        },
        eventOrder(order),
      ),

    /** Undefined for a case never submitted; `complete: false` while it runs. */
    async servedCase(
      applicationId: string,
    ): Promise<{ complete: false } | { complete: true; facts: ServedFacts } | undefined> {
      const item = await getItem(tableName, { pk: `served#application#${applicationId}`, sk: "served" });
      if (!item) return undefined;
      const {
        applicationId: _,
        complete,
        ...facts
      } = fromRecord<ServedFacts & { applicationId: string; complete: boolean }>(item);
      return complete ? { complete, facts } : { complete: false };
    },

    async servedTicket(ticketId: string): Promise<ServedFacts | undefined> {
      const item = await getItem(tableName, { pk: `served#ticket#${ticketId}`, sk: "served" });
      if (!item) return undefined;
      const { ticketId: _, ...facts } = fromRecord<ServedFacts & { ticketId: string }>(item);
      return facts;
    },

    /** Everything counted for one center and month: work orders, ratings, rectifications (one partition). */
    async monthRecords(centerId: string, month: string): Promise<Record<string, unknown>[]> {
      const items: Record<string, unknown>[] = [];
      let cursor: string | undefined;
      do {
        const page = await queryPage(
          {
            TableName: tableName,
            IndexName: "gsi5",
            KeyConditionExpression: "gsi5pk = :pk",
            ExpressionAttributeValues: { ":pk": `rates#${centerId}#${month}` },
          },
          { cursor, limit: 500 },
          ["pk", "sk", "gsi5pk", "gsi5sk"],
          (item) => item,
        );
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    },
  };
}
