import { createHash } from "node:crypto";
import { getItem, put, putNew, putVersioned, transactWrite } from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import type { Authorisation } from "../domain/authorisation.ts";

/**
 * Authorisations to act for another (代办), `authz#<id>` / `authz`, with their events. gsi2 `agent#<hash>` /
 * `<recordedAt>#<id>` (authorisationsByAgent) lists those naming an agent: keyed by a hash of the agent's ID number,
 * because an index key is copied into every projection and must not be personal data in the clear.
 */
export function authorisationStore(tableName: string) {
  const key = (id: string) => ({ pk: `authz#${id}`, sk: "authz" });
  const agentKey = (idNumber: string) => `agent#${createHash("sha256").update(idNumber).digest("hex")}`;
  const record = (a: Authorisation) => ({
    ...key(a.id),
    entity: "authorisation",
    gsi2pk: agentKey(a.agent.idNumber),
    gsi2sk: `${a.recordedAt}#${a.id}`,
    ...a,
  });
  return {
    async create(authorisation: Authorisation, event: Envelope): Promise<void> {
      await transactWrite(
        [
          putNew(tableName, record(authorisation)),
          put(tableName, eventItem(event, key(authorisation.id).pk)),
        ],
        () => new ConflictError("This authorisation already exists."),
      );
    },
    /** Save a changed authorisation (its version one up from what was read) with its event. */
    async save(authorisation: Authorisation, event: Envelope): Promise<void> {
      await transactWrite(
        [
          putVersioned(tableName, record(authorisation)),
          put(tableName, eventItem(event, key(authorisation.id).pk)),
        ],
        () => new ConflictError("The authorisation changed meanwhile; read it again."),
      );
    },
    async get(id: string): Promise<Authorisation | undefined> {
      const item = await getItem(tableName, key(id));
      return item && fromRecord<Authorisation>(item);
    },
    /** Authorisations naming this agent, newest first. */
    byAgent(idNumber: string, page: { cursor?: string; limit: number }): Promise<Page<Authorisation>> {
      return queryPage<Authorisation>(
        {
          TableName: tableName,
          IndexName: "gsi2",
          KeyConditionExpression: "gsi2pk = :pk",
          ExpressionAttributeValues: { ":pk": agentKey(idNumber) },
          ScanIndexForward: false,
        },
        page,
        ["pk", "sk", "gsi2pk", "gsi2sk"],
        fromRecord,
        { readItems: true },
      );
    },
  };
}

export type AuthorisationStore = ReturnType<typeof authorisationStore>;
