import { getItem, putNew, putVersioned, queryAll, transactWrite } from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, isEventItem, type Envelope } from "#shared/events/envelope.ts";
import type { Meeting, MatterState, UnresolvedMatter } from "../domain/unresolved-matter.ts";
import type { StaffRef } from "./directory-store.ts";

/**
 * The unresolved-matter desk (办不成事反映, art. 13, 34), in the matter's partition `matter#<matterId>` (the matter,
 * its meetings and its events are one query):
 *   matter                     the matter; gsi3 `matters#<centerId>` / `<1recorded|2assigned|3coordinating|4replied>#
 *                              <recordedAt>#<matterId>` (unresolvedMattersByCenter: open ones first, oldest first)
 *   meeting#<nnn>              a case-by-case coordination meeting (专事专议), numbered in the order recorded
 *   evt#<eventId>              the matter's events (outbox and audit record)
 */
export const matterPk = (matterId: string) => `matter#${matterId}`;
const key = (matterId: string) => ({ pk: matterPk(matterId), sk: "matter" });
const meetingSk = (sequence: number) => `meeting#${String(sequence).padStart(3, "0")}`;

/** The desk's worklist order: what still needs someone first. */
const ORDER: Record<MatterState, string> = {
  recorded: "1recorded",
  assigned: "2assigned",
  coordinating: "3coordinating",
  replied: "4replied",
};

const matterRecord = (m: UnresolvedMatter) => ({
  ...key(m.id),
  entity: "unresolvedMatter",
  gsi3pk: `matters#${m.centerId}`,
  gsi3sk: `${ORDER[m.state]}#${m.recordedAt}#${m.id}`,
  ...m,
});

export function matterStore(tableName: string) {
  const stale = () => new ConflictError("The matter changed meanwhile; read it again.");

  return {
    async get(matterId: string): Promise<UnresolvedMatter | undefined> {
      const record = await getItem(tableName, key(matterId));
      return record && fromRecord<UnresolvedMatter>(record);
    },

    /** The matter with its meetings (in order) and its events (in time order), in one query. */
    async detail(
      matterId: string,
    ): Promise<{ matter: UnresolvedMatter; meetings: Meeting[]; events: Envelope[] } | undefined> {
      const records = await queryAll(tableName, matterPk(matterId), "");
      const matter = records.find((r) => r.entity === "unresolvedMatter");
      if (!matter) return undefined;
      return {
        matter: fromRecord<UnresolvedMatter>(matter),
        meetings: records.filter((r) => r.entity === "matterMeeting").map(fromRecord<Meeting>),
        events: records.filter(isEventItem).map((r) => {
          const { pk: _pk, sk: _sk, entity: _e, ...event } = r;
          return event as Envelope;
        }),
      };
    },

    /** A new matter and `unresolved-matter.recorded`, in one transaction. */
    async create(matter: UnresolvedMatter, event: Envelope): Promise<void> {
      await transactWrite(
        [putNew(tableName, matterRecord(matter)), putNew(tableName, eventItem(event, matterPk(matter.id)))],
        () => new ConflictError(`Matter ${matter.id} exists already.`),
      );
    },

    /**
     * A change with its event — and the meeting it records — in one transaction, conditional on the version read: the
     * slower of two writers gets a ConflictError (409) and nothing of its change is written.
     */
    async update(matter: UnresolvedMatter, event: Envelope, meeting?: Meeting): Promise<void> {
      await transactWrite(
        [
          putVersioned(tableName, matterRecord(matter)),
          ...(meeting
            ? [
                putNew(tableName, {
                  pk: matterPk(matter.id),
                  sk: meetingSk(meeting.sequence),
                  entity: "matterMeeting",
                  ...meeting,
                }),
              ]
            : []),
          putNew(tableName, eventItem(event, matterPk(matter.id))),
        ],
        stale,
      );
    },

    /** A center's matters: open ones first (by state), oldest first within a state; or only those in `state`. */
    byCenter(
      centerId: string,
      filter: { state?: MatterState },
      page: { cursor?: string; limit: number },
    ): Promise<Page<UnresolvedMatter>> {
      const values: Record<string, string> = { ":pk": `matters#${centerId}` };
      let condition = "gsi3pk = :pk";
      if (filter.state) {
        condition += " AND begins_with(gsi3sk, :state)";
        values[":state"] = `${ORDER[filter.state]}#`;
      }
      return queryPage<UnresolvedMatter>(
        {
          TableName: tableName,
          IndexName: "gsi3",
          KeyConditionExpression: condition,
          ExpressionAttributeValues: values,
        },
        page,
        ["pk", "sk", "gsi3pk", "gsi3sk"],
        fromRecord,
      );
    },

    /**
     * A member of staff as the directory projects them from the catalog (`staff#<staffId>` / `staff`, see
     * directory-store.ts): where they work, in which role, and whether they sign in.
     */
    async staffMember(staffId: string): Promise<StaffRef | undefined> {
      const record = await getItem(tableName, { pk: `staff#${staffId}`, sk: "staff" });
      return record && fromRecord<StaffRef>(record);
    },
  };
}

export type MatterStore = ReturnType<typeof matterStore>;
