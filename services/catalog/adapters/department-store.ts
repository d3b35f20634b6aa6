import { getItem, put, putNew, putVersioned, transactWrite } from "#shared/aws/dynamo.ts";
import { queryPage } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import type { Department } from "../domain/department.ts";
import { centerPk } from "./entities/center.entity.ts";
import { departmentKey, toDepartmentRecord } from "./entities/department.entity.ts";

/** Departments stationed in centers; their events go to the center's partition (the center's history). */
export function departmentStore(tableName: string) {
  return {
    async get(departmentId: string): Promise<Department | undefined> {
      const record = await getItem(tableName, departmentKey(departmentId));
      return record && fromRecord<Department>(record);
    },

    async create(department: Department, event: Envelope): Promise<void> {
      await transactWrite(
        [
          putNew(tableName, toDepartmentRecord(department)),
          put(tableName, eventItem(event, centerPk(department.centerId))),
        ],
        () => new ConflictError(`Department ${department.id} already exists.`),
      );
    },

    async update(department: Department, event: Envelope): Promise<void> {
      await transactWrite(
        [
          putVersioned(tableName, toDepartmentRecord(department)),
          put(tableName, eventItem(event, centerPk(department.centerId))),
        ],
        () => new ConflictError("The department changed meanwhile; read it again and retry."),
      );
    },

    /** departmentsByCenter (a center has tens of departments: one page of 100 is all of them). */
    async inCenter(centerId: string): Promise<Department[]> {
      const { items } = await queryPage<Department>(
        {
          TableName: tableName,
          IndexName: "gsi2",
          KeyConditionExpression: "gsi2pk = :pk",
          ExpressionAttributeValues: { ":pk": `depts#${centerId}` },
        },
        { limit: 100 },
        ["pk", "sk", "gsi2pk", "gsi2sk"],
        fromRecord,
      );
      return items;
    },
  };
}

export type DepartmentStore = ReturnType<typeof departmentStore>;
