import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
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
 * Applications live in their partition `app#<id>` as two items, with their documents (`doc#<id>`) and events
 * (`evt#<eventId>`) beside them — one query reads a case's history:
 * - `app`, the submission: who applies for what, the materials, the guide version — written when the application is
 *   submitted and again only when a supplement brings materials. gsi2 `apps#owner#<sub>` / `<submittedAt>#<id>`
 *   (applicationsByOwner), whose keys never change.
 * - `app#case`, the case as it stands: state, decision, delivery, documents, version. Every step of the case rewrites
 *   this small item alone (issue 21: the whole application, about 2–3 KB, was rewritten at every step, billed by its
 *   size). gsi1 `apps#<centerId>#<state>` / `<submittedAt>#<id>` (applicationsByCenterAndState) sits on it.
 * Both indexes hold keys only; lists read the two items from the table. An application stored whole before issue 21
 * (one `app` item with its state and gsi1 keys) is read as it is, and split at its next write (`caseWrites`).
 * Document numbers come from a counter per center and year (`doccounter#<centerId>` / `<year>`), moved in the same
 * transaction as the decision: no gaps.
 */
const appPk = (id: string) => `app#${id}`;
const SUBMISSION = "app";
const CASE = "app#case";
const submissionKey = (id: string) => ({ pk: appPk(id), sk: SUBMISSION });
const caseKey = (id: string) => ({ pk: appPk(id), sk: CASE });

/** What changes as a case moves on, after its submission (a supplement's materials change the submission too). */
const CASE_FIELDS = [
  "state",
  "acceptedAt",
  "firstContact",
  "correction",
  "deficiencies",
  "rejection",
  "decision",
  "delivery",
  "documents",
  "version",
  "updatedAt",
] as const satisfies readonly (keyof Application)[];

/**
 * The application as its two items. What changes as the case moves goes to the case item, everything else to the
 * submission item. The item keeps the guide version the case runs on (`guideVersion`), not a copy of the guide: every
 * version is kept, unchanged, in `ref#guide#<itemId>` / `v#<version>` (reference-store.ts), and a copy in the
 * application was rewritten at every step of the case (issue 21: a guide with five materials is most of the item).
 */
function toRecords(a: Application) {
  const { guide, ...rest } = a;
  const isCase = (field: string) => (CASE_FIELDS as readonly string[]).includes(field);
  return {
    submission: {
      ...submissionKey(a.id),
      entity: "application",
      ...(a.ownerId ? { gsi2pk: `apps#owner#${a.ownerId}`, gsi2sk: `${a.submittedAt}#${a.id}` } : {}),
      ...Object.fromEntries(Object.entries(rest).filter(([field]) => !isCase(field))),
      guideVersion: guide.version,
    },
    case: {
      ...caseKey(a.id),
      entity: "applicationCase",
      gsi1pk: `apps#${a.centerId}#${a.state}`,
      gsi1sk: `${a.submittedAt}#${a.id}`,
      ...Object.fromEntries(Object.entries(rest).filter(([field]) => isCase(field))),
      version: a.version,
    },
  };
}

/** An application's items as read: its submission, and its case (none for one stored whole before issue 21). */
interface Stored {
  submission: Record<string, unknown>;
  case?: Record<string, unknown>;
}

/** The application's attributes, from its items (the case item's over the submission's). */
const composed = ({ submission, case: kase }: Stored) =>
  kase ? { ...fromRecord<object>(submission), ...fromRecord<object>(kase) } : fromRecord<object>(submission);

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
async function fromRecords(tableName: string, stored: Stored[]): Promise<Application[]> {
  const records = stored.map(composed) as Record<string, unknown>[];
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
    const { guideVersion: _v, ...application } = r as unknown as Application & { guideVersion?: number };
    return r.guide ? application : { ...application, guide: guideVersions.get(id(r))! };
  });
}

/** Applications stored whole (before issue 21) this process read, by id, with the version read. */
const WHOLE_KEPT = 1000;

export function applicationStore(tableName: string) {
  /** A center's series per year, or a window's (`doccounter#<centerId>#<window code>`). */
  const counterKey = (centerId: string, year: number, series?: string) => ({
    pk: `doccounter#${centerId}${series ? `#${series}` : ""}`,
    sk: String(year),
  });

  const storedWhole = new Map<string, number>();
  /** Note how each application read is stored: whole (no case item yet) or split. */
  const noted = (stored: Stored[]): Stored[] => {
    for (const s of stored) {
      const id = String(s.submission.id);
      if (s.case) storedWhole.delete(id);
      else {
        if (storedWhole.size >= WHOLE_KEPT) storedWhole.delete(storedWhole.keys().next().value!);
        storedWhole.set(id, Number(s.submission.version));
      }
    }
    return stored;
  };

  /**
   * The writes that save the case as it now stands, conditional on the version read: the case item alone. An
   * application read whole (before issue 21) is split instead — its submission item rewritten without the case, on
   * the condition that it is still the version read, and the case item created. (An application not read in this
   * process that turns out to be whole fails the condition like a concurrent change, and its retry reads it again.)
   */
  const caseWrites = (a: Application, withSubmission: boolean): TransactItem[] => {
    const records = toRecords(a);
    const read = a.version - 1;
    if (storedWhole.get(a.id) === read)
      return [
        {
          Put: {
            TableName: tableName,
            Item: records.submission,
            ConditionExpression: "version = :expected",
            ExpressionAttributeValues: { ":expected": read },
          },
        },
        putNew(tableName, records.case),
      ];
    return [
      ...(withSubmission ? [put(tableName, records.submission)] : []),
      putVersioned(tableName, records.case),
    ];
  };
  const written = (a: Application) => storedWhole.delete(a.id);

  /**
   * A page of an index that holds keys only: each application found is read from the table — its two items,
   * eventually consistent like the index — and left out if the item the index found no longer has the keys it was
   * found by (its state changed meanwhile), as the index itself will soon leave it out.
   */
  const applicationsPage = async (
    input: Parameters<typeof queryPage>[0],
    page: { cursor?: string; limit: number },
    keyNames: readonly string[],
  ): Promise<Page<Application>> => {
    const index = input.IndexName!;
    const found = await queryPage(input, page, keyNames, (r) => r);
    const items = await getItems(
      tableName,
      found.items.flatMap((r) => [
        { pk: r.pk as string, sk: SUBMISSION },
        { pk: r.pk as string, sk: CASE },
      ]),
      { consistent: false },
    );
    const stored = found.items.flatMap((r, i): Stored[] => {
      const [submission, kase] = [items[2 * i], items[2 * i + 1]];
      const at = r.sk === CASE ? kase : submission;
      const still = at?.[`${index}pk`] === r[`${index}pk`] && at?.[`${index}sk`] === r[`${index}sk`];
      // A submission without its case and without a state of its own is a case not visible yet to this eventually
      // consistent read (the two are written together): left out like a key that moved.
      const whole = kase !== undefined || submission?.state !== undefined;
      return submission && still && whole ? [{ submission, ...(kase ? { case: kase } : {}) }] : [];
    });
    return { ...found, items: await fromRecords(tableName, noted(stored)) };
  };

  return {
    /** The application, strongly consistent: its two items in one query. */
    async get(id: string): Promise<Application | undefined> {
      const { Items = [] } = await dynamo().send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :app)",
          ExpressionAttributeValues: { ":pk": appPk(id), ":app": SUBMISSION },
          ConsistentRead: true,
        }),
      );
      const submission = Items.find((i) => i.sk === SUBMISSION);
      const kase = Items.find((i) => i.sk === CASE);
      if (!submission) return undefined;
      return (await fromRecords(tableName, noted([{ submission, ...(kase ? { case: kase } : {}) }])))[0];
    },

    /** New applications (one, or a bundle's) with their events, in one transaction: all or none. */
    async create(applications: Application[], events: Envelope[], extra: TransactItem[] = []): Promise<void> {
      await transactWrite(
        [
          ...applications.flatMap((a) => {
            const records = toRecords(a);
            return [putNew(tableName, records.submission), putNew(tableName, records.case)];
          }),
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

    /**
     * A change of the submission (a supplement's materials) and of the case, with its event, conditional on the
     * version read.
     */
    async update(application: Application, event: Envelope, extra: TransactItem[] = []): Promise<void> {
      await transactWrite(
        [...caseWrites(application, true), put(tableName, eventItem(event, appPk(application.id))), ...extra],
        () => new ConflictError("The application changed meanwhile; read it again and retry."),
      );
      written(application);
    },

    /**
     * A step of the case another service took (review's decision, delivery's progress — issue 16), in its history.
     * The step is no event of intake's (its entity is not `event`, so the stream does not publish it again); its key
     * is the event's id, and it is written only if absent: false when a delivery of the same event wrote it before.
     */
    async addStep(applicationId: string, step: CaseStep): Promise<boolean> {
      try {
        await transactWrite(
          [
            putNew(tableName, {
              pk: appPk(applicationId),
              sk: eventSortKey(step.id),
              entity: "caseStep",
              ...step,
            }),
          ],
          () => new StepRecorded(),
        );
        return true;
      } catch (error) {
        if (error instanceof StepRecorded) return false;
        throw error;
      }
    },

    /**
     * The case as it now stands after a step another service took, conditional on the version read (ConflictError
     * otherwise): the small case item alone, one plain write.
     */
    async save(application: Application): Promise<void> {
      await transactWrite(
        caseWrites(application, false),
        () => new ConflictError("The application changed meanwhile; read it again and retry."),
      );
      written(application);
    },

    /** The last document number used by a center in a year (0 before the first). */
    lastNumber: (centerId: string, year: number, series?: string) =>
      lastInSequence(tableName, counterKey(centerId, year, series)),

    /**
     * A decision with its document: the counter moves from `document.sequence - 1` to `document.sequence`, the
     * document and the case (conditional on its version) are written, and the event — together or not at all.
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
          ...caseWrites(application, false),
          put(tableName, eventItem(event, appPk(application.id))),
        ],
        (index) =>
          index === 0
            ? new SequenceTakenError("The document number was taken meanwhile.")
            : new ConflictError("The application changed meanwhile; read it again and retry."),
      );
      written(application);
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

/** The step's item was there already (a redelivered event). */
class StepRecorded extends Error {
  override name = "StepRecorded";
}
