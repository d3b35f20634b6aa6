import {
  getItem,
  getItems,
  put,
  putNew,
  putVersioned,
  transactWrite,
  type TransactItem,
} from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import type { MaterialFile } from "../domain/files.ts";

/**
 * Electronic materials in the intake table (docs/access-patterns.md):
 *   file#<fileId> / file                       the file's record (who uploaded what, its state), and its events
 *   file#<fileId> / access#<at>#<accessId>     each time staff opened it (personal data protection: who, when)
 * Attaching files is part of the application's own transaction: each file's record moves from `checked` to
 * `attached` on condition it is still checked and unattached, so a file serves one material of one application.
 */
const filePk = (id: string) => `file#${id}`;
const fileKey = (id: string) => ({ pk: filePk(id), sk: "file" });
const toRecord = (f: MaterialFile) => ({ ...fileKey(f.id), entity: "materialFile", ...f });

export interface FileAccess {
  id: string;
  fileId: string;
  applicationId: string;
  by: { id: string; role: string; centerId?: string; departmentId?: string };
  at: string;
}

export function fileStore(tableName: string) {
  return {
    async get(id: string): Promise<MaterialFile | undefined> {
      const record = await getItem(tableName, fileKey(id));
      return record && fromRecord<MaterialFile>(record);
    },

    async getMany(ids: readonly string[]): Promise<(MaterialFile | undefined)[]> {
      const records = await getItems(tableName, ids.map(fileKey));
      return records.map((r) => r && fromRecord<MaterialFile>(r));
    },

    async create(file: MaterialFile, event: Envelope): Promise<void> {
      await transactWrite(
        [putNew(tableName, toRecord(file)), put(tableName, eventItem(event, filePk(file.id)))],
        () => new ConflictError(`File ${file.id} exists.`),
      );
    },

    async update(file: MaterialFile, event: Envelope): Promise<void> {
      await transactWrite(
        [putVersioned(tableName, toRecord(file)), put(tableName, eventItem(event, filePk(file.id)))],
        () => new ConflictError("The file changed meanwhile; read it again."),
      );
    },

    /** The writes that attach checked files, for the transaction that saves what they are attached to. */
    attachItems(files: readonly MaterialFile[]): TransactItem[] {
      return files.map((f) => ({
        Put: {
          TableName: tableName,
          Item: toRecord(f),
          ConditionExpression: "version = :expected AND #state = :checked",
          ExpressionAttributeNames: { "#state": "state" },
          ExpressionAttributeValues: { ":expected": f.version - 1, ":checked": "checked" },
        },
      }));
    },

    /** Record that someone opened a file, with its event: kept with the file, newest last. */
    async recordAccess(access: FileAccess, event: Envelope): Promise<void> {
      await transactWrite(
        [
          putNew(tableName, {
            pk: filePk(access.fileId),
            sk: `access#${access.at}#${access.id}`,
            entity: "fileAccess",
            ...access,
          }),
          put(tableName, eventItem(event, filePk(access.fileId))),
        ],
        () => new ConflictError("This access was recorded already."),
      );
    },

    accesses(fileId: string, page: { cursor?: string; limit: number }): Promise<Page<FileAccess>> {
      return queryPage<FileAccess>(
        {
          TableName: tableName,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :access)",
          ExpressionAttributeValues: { ":pk": filePk(fileId), ":access": "access#" },
        },
        page,
        ["pk", "sk"],
        fromRecord,
      );
    },
  };
}

export type FileStore = ReturnType<typeof fileStore>;
