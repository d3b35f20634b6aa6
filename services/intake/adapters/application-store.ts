import {
  getItem,
  getItems,
  put,
  putNew,
  putVersioned,
  queryAll,
  transactWrite,
  type TransactItem,
} from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { claimInSequence, lastInSequence, SequenceTakenError } from "#shared/aws/sequence.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, eventSortKey, type Envelope } from "#shared/events/envelope.ts";
import type { Application } from "../domain/application.ts";
import type { GuideSnapshot } from "../domain/guide-snapshot.ts";
import type { CaseStep } from "../domain/case-progress.ts";
import type { AcceptanceDocument } from "../domain/documents.ts";

/**
 * Applications `app#<id>` / `app`, with their documents (`doc#<id>`) and events in the same partition — one query
 * reads a case's history. gsi1 `apps#<centerId>#<state>` / `<submittedAt>#<id>` (applicationsByCenterAndState);
 * gsi2 `apps#owner#<sub>` / `<submittedAt>#<id>` (applicationsByOwner). Document numbers come from a counter per
 * center and year (`doccounter#<centerId>` / `<year>`), moved in the same transaction as the decision: no gaps.
 */
const appPk = (id: string) => `app#${id}`;
const appKey = (id: string) => ({ pk: appPk(id), sk: "app" });

/**
 * The item keeps the guide version the case runs on (`guideVersion`), not a copy of the guide: every version is kept,
 * unchanged, in `ref#guide#<itemId>` / `v#<version>` (reference-store.ts), and a copy in the application was rewritten
 * — twice, in a transaction — at every step of the case (issue 21: a guide with five materials is most of the item).
 */
function toRecord(a: Application) {
  const { guide, ...rest } = a;
  return {
    ...appKey(a.id),
    entity: "application",
    gsi1pk: `apps#${a.centerId}#${a.state}`,
    gsi1sk: `${a.submittedAt}#${a.id}`,
    ...(a.ownerId ? { gsi2pk: `apps#owner#${a.ownerId}`, gsi2sk: `${a.submittedAt}#${a.id}` } : {}),
    ...rest,
    guideVersion: guide.version,
  };
}

/** Guide versions never change once published: read once per process, at most this many kept. */
const GUIDES_KEPT = 500;
const guideVersions = new Map<string, GuideSnapshot>();
const guideKey = (itemId: string, version: number) => ({
  pk: `ref#guide#${itemId}`,
  sk: `v#${String(version).padStart(6, "0")}`,
});

/**
 * Applications from their items, each with the guide version it runs on (one BatchGetItem for the versions this
 * process has not read yet — eventually consistent: a version is written once, before any application names it).
 * An item written before issue 21 still carries its own copy of the guide, and keeps it.
 */
async function fromRecords(tableName: string, records: Record<string, unknown>[]): Promise<Application[]> {
  const id = (r: Record<string, unknown>) => `${String(r.itemId)}#${String(r.guideVersion)}`;
  const missing = [
    ...new Map(
      records.filter((r) => !r.guide && !guideVersions.has(id(r))).map((r) => [id(r), r] as const),
    ).values(),
  ];
  if (missing.length) {
    const found = await getItems(
      tableName,
      missing.map((r) => guideKey(String(r.itemId), Number(r.guideVersion))),
      { consistent: false },
    );
    found.forEach((guide, i) => {
      if (!guide) throw new Error(`Guide version ${id(missing[i]!)} is missing from intake's projection.`);
      if (guideVersions.size >= GUIDES_KEPT) guideVersions.delete(guideVersions.keys().next().value!);
      guideVersions.set(id(missing[i]!), fromRecord<GuideSnapshot>(guide));
    });
  }
  return records.map((r) => {
    const { guideVersion: _v, ...application } = fromRecord<Application & { guideVersion?: number }>(r);
    return r.guide ? application : { ...application, guide: guideVersions.get(id(r))! };
  });
}

export function applicationStore(tableName: string) {
  /** A center's series per year, or a window's (`doccounter#<centerId>#<window code>`). */
  const counterKey = (centerId: string, year: number, series?: string) => ({
    pk: `doccounter#${centerId}${series ? `#${series}` : ""}`,
    sk: String(year),
  });

  /** A page of an index that holds keys only: the applications read from the table, with their guides. */
  const applicationsPage = async (
    input: Parameters<typeof queryPage>[0],
    page: { cursor?: string; limit: number },
    keyNames: readonly string[],
  ): Promise<Page<Application>> => {
    const records = await queryPage(input, page, keyNames, (r) => r, { readItems: true });
    return { ...records, items: await fromRecords(tableName, records.items) };
  };

  return {
    async get(id: string): Promise<Application | undefined> {
      const record = await getItem(tableName, appKey(id));
      return record && (await fromRecords(tableName, [record]))[0];
    },

    /** New applications (one, or a bundle's) with their events, in one transaction: all or none. */
    async create(applications: Application[], events: Envelope[], extra: TransactItem[] = []): Promise<void> {
      await transactWrite(
        [
          ...applications.map((a) => putNew(tableName, toRecord(a))),
          ...events.map((e) =>
            put(
              tableName,
              eventItem(e, e.subject.startsWith("bnd_") ? `bundle#${e.subject}` : appPk(e.subject)),
            ),
          ),
          ...extra,
        ],
        () => new ConflictError("This application already exists."),
      );
    },

    /** A state change without a document (supplements, cures), conditional on the version read. */
    async update(application: Application, event: Envelope, extra: TransactItem[] = []): Promise<void> {
      await transactWrite(
        [
          putVersioned(tableName, toRecord(application)),
          put(tableName, eventItem(event, appPk(application.id))),
          ...extra,
        ],
        () => new ConflictError("The application changed meanwhile; read it again and retry."),
      );
    },

    /**
     * A step of the case another service took (review's decision, delivery's progress — issue 16): the step in its
     * history, then the application as it now stands (conditional on the version read), when the step changed it. The
     * step is no event of intake's (its entity is not `event`, so the stream does not publish it again); its key is
     * the event's id, so a redelivered event writes the same step. Two plain writes, not a transaction (which bills
     * both twice, issue 21): the step is the same whatever the application's version, so when the second write is
     * refused (the case changed meanwhile) or never made, the event's retry writes the same step again and the
     * application from a fresh read — for that moment the history shows a step its case does not show yet.
     */
    async follow(applicationId: string, application: Application | undefined, step: CaseStep): Promise<void> {
      await transactWrite(
        [
          put(tableName, {
            pk: appPk(applicationId),
            sk: eventSortKey(step.id),
            entity: "caseStep",
            ...step,
          }),
        ],
        () => new ConflictError("unreachable: an unconditional Put"),
      );
      if (application)
        await transactWrite(
          [putVersioned(tableName, toRecord(application))],
          () => new ConflictError("The application changed meanwhile; read it again and retry."),
        );
    },

    /** The last document number used by a center in a year (0 before the first). */
    lastNumber: (centerId: string, year: number, series?: string) =>
      lastInSequence(tableName, counterKey(centerId, year, series)),

    /**
     * A decision with its document: the counter moves from `document.sequence - 1` to `document.sequence`, the
     * document and the application (conditional on its version) are written, and the event — together or not at all.
     */
    async decide(application: Application, document: AcceptanceDocument, event: Envelope): Promise<void> {
      await transactWrite(
        [
          claimInSequence(
            tableName,
            counterKey(document.centerId, document.year, document.series),
            document.sequence,
          ),
          putNew(tableName, {
            pk: appPk(application.id),
            sk: `doc#${document.id}`,
            entity: "document",
            ...document,
          }),
          putVersioned(tableName, toRecord(application)),
          put(tableName, eventItem(event, appPk(application.id))),
        ],
        (index) =>
          index === 0
            ? new SequenceTakenError("The document number was taken meanwhile.")
            : new ConflictError("The application changed meanwhile; read it again and retry."),
      );
    },

    async document(applicationId: string, documentId: string): Promise<AcceptanceDocument | undefined> {
      const record = await getItem(tableName, { pk: appPk(applicationId), sk: `doc#${documentId}` });
      return record && fromRecord<AcceptanceDocument>(record);
    },

    /** The case's events, oldest first. */
    async history(applicationId: string): Promise<Envelope[]> {
      return (await queryAll(tableName, appPk(applicationId), "evt#")).map((r) => {
        const { pk: _pk, sk: _sk, entity: _e, ...event } = r;
        return event as Envelope;
      });
    },

    async inCenter(
      centerId: string,
      state: string,
      page: { cursor?: string; limit: number },
    ): Promise<Page<Application>> {
      return applicationsPage(
        {
          TableName: tableName,
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :pk",
          ExpressionAttributeValues: { ":pk": `apps#${centerId}#${state}` },
          ScanIndexForward: false,
        },
        page,
        ["pk", "sk", "gsi1pk", "gsi1sk"],
      );
    },

    async ofOwner(ownerId: string, page: { cursor?: string; limit: number }): Promise<Page<Application>> {
      return applicationsPage(
        {
          TableName: tableName,
          IndexName: "gsi2",
          KeyConditionExpression: "gsi2pk = :pk",
          ExpressionAttributeValues: { ":pk": `apps#owner#${ownerId}` },
          ScanIndexForward: false,
        },
        page,
        ["pk", "sk", "gsi2pk", "gsi2sk"],
      );
    },
  };
}

export type ApplicationStore = ReturnType<typeof applicationStore>;
