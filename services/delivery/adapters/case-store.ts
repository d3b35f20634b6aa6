import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
import { getItem } from "#shared/aws/dynamo.ts";
import { putIfNewer } from "#shared/aws/projection.ts";
import { fromRecord } from "#shared/aws/records.ts";

/**
 * What delivery knows about a case, gathered from other services' events (`case#<applicationId>` / `facts`): where
 * and what it is, who owns it, and how to reach the applicant. Fields are merged as events arrive in any order.
 * Reference names: `ref#item#<itemId>` / `item` (name), `ref#guide#<itemId>` / `v#000007` (delivery methods offered),
 * `ref#center#<centerId>` / `center` (name).
 */
export interface CaseFacts {
  applicationId: string;
  centerId?: string;
  itemId?: string;
  ownerId?: string;
  guideVersion?: number;
  committedLimitDays?: number;
  applicantName?: string;
  holder?: string;
  channels?: ("sms" | "email" | "inbox" | "call")[];
  phone?: string;
  email?: string;
  /** Who gave the contact: a clerk at the window, or the applicant online (then the account's verified ones count). */
  recordedBy?: "applicant" | "clerk";
}

export function caseStore(tableName: string) {
  const pad = (v: number) => String(v).padStart(6, "0");
  return {
    /**
     * Merge what an event says about a case (SET of the fields it changes; applying it twice changes nothing). The
     * facts are read first (strongly consistent) and only what differs is written — nothing at all when every field
     * is there already, as on a redelivery or on `application.accepted` after `application.submitted` (issue 21: a read
     * unit instead of a write unit). Returns whether it changed anything: an event whose facts were all there already
     * was merged before — its consumer keeps no idempotency record.
     */
    async merge(applicationId: string, facts: Partial<CaseFacts>): Promise<boolean> {
      const key = { pk: `case#${applicationId}`, sk: "facts" };
      const stored = (await getItem(tableName, key)) ?? {};
      const entries = Object.entries(facts).filter(
        ([k, v]) => v !== undefined && JSON.stringify(stored[k]) !== JSON.stringify(v),
      );
      if (!entries.length) return false;
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: `SET entity = :entity, applicationId = :id, ${entries.map((_, i) => `#f${i} = :v${i}`).join(", ")}`,
          ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
          ExpressionAttributeValues: {
            ":entity": "caseFacts",
            ":id": applicationId,
            ...Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
          },
        }),
      );
      return true;
    },

    async facts(applicationId: string): Promise<CaseFacts | undefined> {
      const record = await getItem(tableName, { pk: `case#${applicationId}`, sk: "facts" });
      return record && fromRecord<CaseFacts>(record);
    },

    saveItemName: (itemId: string, name: string) =>
      putIfNewer(tableName, { pk: `ref#item#${itemId}`, sk: "item", entity: "itemRef", itemId, name }, 1),
    async itemName(itemId: string): Promise<string | undefined> {
      return (await getItem(tableName, { pk: `ref#item#${itemId}`, sk: "item" }))?.name as string | undefined;
    },

    saveGuide: (itemId: string, version: number, deliveryMethods: string[]) =>
      putIfNewer(
        tableName,
        {
          pk: `ref#guide#${itemId}`,
          sk: `v#${pad(version)}`,
          entity: "guideRef",
          itemId,
          version,
          deliveryMethods,
        },
        1,
      ),
    async deliveryMethods(itemId: string, version: number): Promise<string[] | undefined> {
      return (await getItem(tableName, { pk: `ref#guide#${itemId}`, sk: `v#${pad(version)}` }))
        ?.deliveryMethods as string[] | undefined;
    },

    saveCenterName: (centerId: string, name: string, version: number) =>
      putIfNewer(
        tableName,
        { pk: `ref#center#${centerId}`, sk: "center", entity: "centerRef", centerId, name },
        version,
      ),
    async centerName(centerId: string): Promise<string | undefined> {
      return (await getItem(tableName, { pk: `ref#center#${centerId}`, sk: "center" }))?.name as
        string | undefined;
    },
  };
}

export type CaseStore = ReturnType<typeof caseStore>;
