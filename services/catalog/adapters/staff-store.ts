import { getItem, put, putNew, putVersioned, transactWrite } from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import type { StaffMember } from "../domain/staff.ts";
import {
  staffKey,
  staffPk,
  staffUserKey,
  toStaffRecord,
  toStaffUserRecord,
} from "./entities/staff.entity.ts";

/** The staff roster. A person's events (filings, training) are their history, in their partition. */
export function staffStore(tableName: string) {
  return {
    async get(staffId: string): Promise<StaffMember | undefined> {
      const record = await getItem(tableName, staffKey(staffId));
      return record && fromRecord<StaffMember>(record);
    },

    /** The roster entry of whoever signs in as `userId` (staffByUser), for "my window" and "my desk". */
    async byUser(userId: string): Promise<StaffMember | undefined> {
      const link = await getItem(tableName, staffUserKey(userId));
      return link ? this.get(link.staffId as string) : undefined;
    },

    /** A new person, with the link from their sign-in identity: one identity is one person on the roster. */
    async create(staff: StaffMember, event: Envelope): Promise<void> {
      await transactWrite(
        [
          putNew(tableName, toStaffRecord(staff)),
          put(tableName, eventItem(event, staffPk(staff.id))),
          ...(staff.userId ? [putNew(tableName, toStaffUserRecord(staff.userId, staff.id))] : []),
        ],
        (i) =>
          i === 2
            ? new ConflictError("This sign-in identity (userId) already belongs to a person on the roster.")
            : new ConflictError(`Staff member ${staff.id} already exists.`),
      );
    },

    async update(staff: StaffMember, event: Envelope): Promise<void> {
      await transactWrite(
        [putVersioned(tableName, toStaffRecord(staff)), put(tableName, eventItem(event, staffPk(staff.id)))],
        () => new ConflictError("The staff record changed meanwhile; read it again and retry."),
      );
    },

    /** staffByCenter, by name. */
    inCenter(centerId: string, p: { cursor?: string; limit: number }): Promise<Page<StaffMember>> {
      return queryPage<StaffMember>(
        {
          TableName: tableName,
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :pk",
          ExpressionAttributeValues: { ":pk": `staffof#${centerId}` },
        },
        p,
        ["pk", "sk", "gsi1pk", "gsi1sk"],
        fromRecord,
      );
    },
  };
}

export type StaffStore = ReturnType<typeof staffStore>;
