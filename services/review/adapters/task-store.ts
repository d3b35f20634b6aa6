import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
import {
  getItem,
  put,
  putNew,
  putVersioned,
  queryAll,
  transactWrite,
  type TransactItem,
} from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { SequenceTakenError } from "#shared/aws/sequence.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import { canonicalJson } from "#shared/signing/canonical.ts";
import { taskIdOf, type LegalBasis, type ReviewTask } from "../domain/task.ts";
import { guideRefKey } from "./reference-store.ts";
import type { ContactChannel, ContactFlag, ContactPlace } from "../domain/contact.ts";

/**
 * Review tasks `task#<applicationId>` / `task`; the case's contacts (`contact#<id>`) and review events share the
 * partition. Worklists:
 *   gsi1 `tasks#<centerId>#<departmentId>` (tasksByDepartment), gsi2 `tasks#assignee#<sub>` (tasksByAssignee, only
 *   while assigned), gsi3 `tasks#<centerId>` (tasksByCenter) — all sorted by `<state>#<dueAt>#<taskId>`, holding the
 *   keys and the attributes the lists filter on (itemId, dueAt): the tasks are read from the table (`readItems`);
 *   gsi4 `taskdue#<year of dueAt>` / `<applicationId>` (openTasksByDueYear, keys only, while not decided): the tasks
 *   whose due date a published holiday schedule of that year (or the year before) can move.
 */
export const taskPk = (applicationId: string) => `task#${applicationId}`;
const key = (applicationId: string) => ({ pk: taskPk(applicationId), sk: "task" });
const NO_DUE = "~";

/**
 * The stored task. It is written at every step of the case, in a transaction (twice its ⌈size / 1 KB⌉), so it does
 * not store again what its key already says — its id and its application's id — nor empty lists (issue 21: a claimed
 * task went just over 1 KB with them), nor the item's legal basis when the guide version the case follows, as review
 * projected it, holds the very same (`legalBasisInGuide`; a guide version is immutable): a realistic basis, two
 * provisions and the extension's, is about 250 bytes. `restore` gives them all back.
 */
function toRecord(t: ReviewTask, basisInGuide: boolean) {
  const sort = `${t.state}#${t.dueAt ?? NO_DUE}#${t.id}`;
  const { id: _id, applicationId, procedures, materialRequests, legalBasis, ...rest } = t;
  return {
    ...key(applicationId),
    entity: "reviewTask",
    gsi1pk: `tasks#${t.centerId}#${t.departmentId}`,
    gsi1sk: sort,
    ...(t.assigneeId ? { gsi2pk: `tasks#assignee#${t.assigneeId}`, gsi2sk: sort } : {}),
    gsi3pk: `tasks#${t.centerId}`,
    gsi3sk: sort,
    ...(t.state !== "decided" && t.dueAt
      ? { gsi4pk: `taskdue#${t.dueAt.slice(0, 4)}`, gsi4sk: applicationId }
      : {}),
    ...rest,
    ...(procedures.length ? { procedures } : {}),
    ...(materialRequests.length ? { materialRequests } : {}),
    ...(basisInGuide ? { legalBasisInGuide: true } : legalBasis ? { legalBasis } : {}),
  };
}

/**
 * The task an item holds, but for a legal basis it refers to (`restore`). Items written before issue 21 still carry
 * their ids and empty lists: the same values.
 */
function fromTaskRecord(record: Record<string, unknown>): ReviewTask {
  const applicationId = (record.pk as string).slice(taskPk("").length);
  const { legalBasisInGuide: _inGuide, ...stored } = fromRecord<
    Partial<ReviewTask> & { legalBasisInGuide?: true }
  >(record);
  return {
    id: taskIdOf(applicationId),
    applicationId,
    ...stored,
    procedures: stored.procedures ?? [],
    materialRequests: stored.materialRequests ?? [],
  } as ReviewTask;
}

export interface TaskFilter {
  state?: string;
  itemId?: string;
  /** Due on or before this instant (ISO). */
  dueBefore?: string;
}

export interface Contact {
  id: string;
  applicationId: string;
  centerId?: string;
  departmentId?: string;
  staffId: string;
  role: string;
  channel: ContactChannel;
  /** Where an in-person contact took place. */
  place?: ContactPlace;
  purpose: string;
  at: string;
  recordedAt: string;
  /** What the administration should look at (art. 30); none for a contact within the rules. */
  flags?: ContactFlag[];
}

/** The legal basis of each guide version review projected, found once per process (a version never changes). */
const guideBases = new Map<string, Promise<LegalBasis | undefined>>();

export function taskStore(tableName: string) {
  /** A guide version's legal basis as projected; one not found (yet) is looked up again next time. */
  const guideBasis = (itemId: string, version: number): Promise<LegalBasis | undefined> => {
    const cacheKey = `${tableName}|${itemId}|${version}`;
    const known = guideBases.get(cacheKey);
    if (known) return known;
    const found = getItem(tableName, guideRefKey(itemId, version), { consistent: false }).then(
      (record) => record?.legalBasis as LegalBasis | undefined,
    );
    guideBases.set(cacheKey, found);
    found.then(
      (basis) => basis || guideBases.delete(cacheKey),
      () => guideBases.delete(cacheKey),
    );
    return found;
  };

  /** Whether the task's legal basis is its guide version's, word for word (then the task refers to it). */
  const basisInGuide = async (t: ReviewTask): Promise<boolean> => {
    if (!t.legalBasis) return false;
    const basis = await guideBasis(t.itemId, t.guideVersion);
    return !!basis && canonicalJson(basis) === canonicalJson(t.legalBasis);
  };

  const record = async (t: ReviewTask) => toRecord(t, await basisInGuide(t));

  /** The task an item holds, with the legal basis it refers to. */
  const restore = async (item: Record<string, unknown>): Promise<ReviewTask> => {
    const task = fromTaskRecord(item);
    if (!item.legalBasisInGuide) return task;
    const legalBasis = await guideBasis(task.itemId, task.guideVersion);
    // Written only after it was found there, and a projected version is never changed or removed: a fault.
    if (!legalBasis)
      throw new Error(`The legal basis of guide ${task.itemId} v${task.guideVersion} is not projected.`);
    return { ...task, legalBasis };
  };

  const list = async (
    index: "gsi1" | "gsi2" | "gsi3",
    pk: string,
    filter: TaskFilter,
    page: { cursor?: string; limit: number },
  ): Promise<Page<ReviewTask>> => {
    const values: Record<string, string> = { ":pk": pk };
    let condition = `${index}pk = :pk`;
    if (filter.state && filter.dueBefore) {
      condition += ` AND ${index}sk BETWEEN :from AND :to`;
      values[":from"] = `${filter.state}#`;
      // On or before: a task due at that very instant sorts after `<state>#<dueBefore>` (its id follows).
      values[":to"] = `${filter.state}#${filter.dueBefore}#~`;
    } else if (filter.state) {
      condition += ` AND begins_with(${index}sk, :state)`;
      values[":state"] = `${filter.state}#`;
    }
    const filters: string[] = [];
    if (filter.itemId) {
      filters.push("itemId = :item");
      values[":item"] = filter.itemId;
    }
    if (filter.dueBefore && !filter.state) {
      filters.push("dueAt <= :due");
      values[":due"] = filter.dueBefore;
    }
    const found = await queryPage<Record<string, unknown>>(
      {
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: condition,
        ExpressionAttributeValues: values,
        ...(filters.length ? { FilterExpression: filters.join(" AND ") } : {}),
      },
      page,
      ["pk", "sk", `${index}pk`, `${index}sk`],
      (item) => item,
      { readItems: true },
    );
    return { ...found, items: await Promise.all(found.items.map(restore)) };
  };

  return {
    /** The open tasks due in a year (by the due date stored), as application ids. */
    async openDueIn(year: number): Promise<string[]> {
      const ids: string[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await dynamo().send(
          new QueryCommand({
            TableName: tableName,
            IndexName: "gsi4",
            KeyConditionExpression: "gsi4pk = :pk",
            ExpressionAttributeValues: { ":pk": `taskdue#${year}` },
            ExclusiveStartKey: start,
          }),
        );
        ids.push(...(page.Items ?? []).map((i) => i.gsi4sk as string));
        start = page.LastEvaluatedKey;
      } while (start);
      return ids;
    },

    async get(applicationId: string): Promise<ReviewTask | undefined> {
      const item = await getItem(tableName, key(applicationId));
      return item && restore(item);
    },

    /** A new task with its event; false when it already exists (a redelivered acceptance). */
    async create(task: ReviewTask, event: Envelope): Promise<boolean> {
      try {
        await transactWrite(
          [
            putNew(tableName, await record(task)),
            put(tableName, eventItem(event, taskPk(task.applicationId))),
          ],
          () => new ConflictError("exists"),
        );
        return true;
      } catch (error) {
        if (error instanceof ConflictError) return false;
        throw error;
      }
    },

    /** A change, conditional on the version read — of two approvers deciding at once, one wins and the other gets 409. */
    async update(task: ReviewTask, events: Envelope[], extra: TransactItem[] = []): Promise<void> {
      await transactWrite(
        [
          putVersioned(tableName, await record(task)),
          ...events.map((e) => put(tableName, eventItem(e, taskPk(task.applicationId)))),
          ...extra,
        ],
        (index) =>
          index === 0
            ? new ConflictError(
                "The review task changed meanwhile (another decision or action came first); read it again.",
              )
            : new SequenceTakenError("The document number was taken meanwhile."),
      );
    },

    byDepartment: (
      centerId: string,
      departmentId: string,
      filter: TaskFilter,
      page: { cursor?: string; limit: number },
    ): Promise<Page<ReviewTask>> => list("gsi1", `tasks#${centerId}#${departmentId}`, filter, page),
    byAssignee: (
      sub: string,
      filter: TaskFilter,
      page: { cursor?: string; limit: number },
    ): Promise<Page<ReviewTask>> => list("gsi2", `tasks#assignee#${sub}`, filter, page),
    byCenter: (
      centerId: string,
      filter: TaskFilter,
      page: { cursor?: string; limit: number },
    ): Promise<Page<ReviewTask>> => list("gsi3", `tasks#${centerId}`, filter, page),

    contactItem: (contact: Contact): TransactItem =>
      putNew(tableName, {
        pk: taskPk(contact.applicationId),
        sk: `contact#${contact.id}`,
        entity: "contact",
        ...contact,
        // flaggedContactsByCenter (sparse): only contacts with an art. 30 flag, newest first.
        ...(contact.flags?.length && contact.centerId
          ? { gsi3pk: `contactflags#${contact.centerId}`, gsi3sk: `${contact.at}#${contact.id}` }
          : {}),
      }),

    /** A center's flagged contacts (art. 30), newest first. */
    flaggedContacts: (centerId: string, page: { cursor?: string; limit: number }) =>
      queryPage<Contact>(
        {
          TableName: tableName,
          IndexName: "gsi3",
          KeyConditionExpression: "gsi3pk = :pk",
          ExpressionAttributeValues: { ":pk": `contactflags#${centerId}` },
          ScanIndexForward: false,
        },
        page,
        ["pk", "sk", "gsi3pk", "gsi3sk"],
        fromRecord,
        { readItems: true },
      ),

    async contacts(applicationId: string): Promise<Contact[]> {
      return (await queryAll(tableName, taskPk(applicationId), "contact#")).map(fromRecord<Contact>);
    },

    async history(applicationId: string): Promise<Envelope[]> {
      return (await queryAll(tableName, taskPk(applicationId), "evt#")).map((r) => {
        const { pk: _pk, sk: _sk, entity: _e, ...event } = r;
        return event as Envelope;
      });
    },
  };
}

export type TaskStore = ReturnType<typeof taskStore>;
