import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
import { getItem, put, queryAll, transactWrite } from "#shared/aws/dynamo.ts";
import type { ContactChannel, PendingVerification } from "../domain/contacts.ts";

/**
 * An applicant account's contacts (docs/access-patterns.md):
 *   account#<sub> / contact#<channel>            the verified phone or email
 *   account#<sub> / verify#<channel>#<to>        a code sent and not yet entered (hashed), with its wrong tries
 */
const pk = (sub: string) => `account#${sub}`;

export function contactStore(tableName: string) {
  return {
    async verified(sub: string): Promise<Partial<Record<ContactChannel, string>>> {
      const records = await queryAll(tableName, pk(sub), "contact#");
      return Object.fromEntries(records.map((r) => [r.channel as string, r.to as string]));
    },

    async pending(
      sub: string,
      channel: ContactChannel,
      to: string,
    ): Promise<PendingVerification | undefined> {
      const r = await getItem(tableName, { pk: pk(sub), sk: `verify#${channel}#${to}` });
      return (
        r && {
          channel,
          to,
          codeSha256: r.codeSha256 as string,
          expiresAt: r.expiresAt as string,
          wrong: (r.wrong as number | undefined) ?? 0,
        }
      );
    },

    async startVerification(sub: string, v: PendingVerification, ttl: number): Promise<void> {
      await transactWrite(
        [
          put(tableName, {
            pk: pk(sub),
            sk: `verify#${v.channel}#${v.to}`,
            entity: "contactVerification",
            ...v,
            ttl,
          }),
        ],
        () => new Error("unreachable"),
      );
    },

    async countWrong(sub: string, channel: ContactChannel, to: string): Promise<void> {
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: pk(sub), sk: `verify#${channel}#${to}` },
          UpdateExpression: "ADD wrong :one",
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeValues: { ":one": 1 },
        }),
      );
    },

    /** The contact becomes the account's (replacing the previous one of its channel); the code is spent. */
    async confirm(sub: string, channel: ContactChannel, to: string, at: string): Promise<void> {
      await transactWrite(
        [
          put(tableName, {
            pk: pk(sub),
            sk: `contact#${channel}`,
            entity: "verifiedContact",
            channel,
            to,
            verifiedAt: at,
          }),
          { Delete: { TableName: tableName, Key: { pk: pk(sub), sk: `verify#${channel}#${to}` } } },
        ],
        () => new Error("unreachable"),
      );
    },
  };
}

export type ContactStore = ReturnType<typeof contactStore>;
