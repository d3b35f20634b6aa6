import { getItem, putNew, type TransactItem } from "#shared/aws/dynamo.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { claimInSequence, lastInSequence } from "#shared/aws/sequence.ts";
import type { ReviewDocument } from "../domain/documents.ts";

/** The key of the event item whose `data.document.body` is a document's body (review.decided carries it). */
export interface BodyIn {
  pk: string;
  sk: string;
}

/**
 * Sealed review documents `rdoc#<documentId>` / `doc`, numbered per center and year without gaps
 * (`rdoccounter#<centerId>` / `<year>`); written in the transaction of the act they record.
 *
 * A decision's body travels in its `review.decided` event (delivery and intake keep the sealed decision from it), and
 * that event item is the case's audit record, written in the same transaction and never changed or deleted. The
 * document item then holds everything else — number, seal, signature — and `bodyIn`, the event item's key: the body
 * is stored once, not twice in one transaction (issue 21: the decision's writes, doubled, carried it twice). Reading
 * the document puts it back together, and verification hashes what is stored in both places, so a change to either
 * shows as not intact. Notices, whose events carry only their id, keep their body in their own item.
 */
export function documentStore(tableName: string) {
  const counter = (centerId: string, year: number) => ({ pk: `rdoccounter#${centerId}`, sk: String(year) });
  const key = (documentId: string) => ({ pk: `rdoc#${documentId}`, sk: "doc" });
  return {
    lastNumber: (centerId: string, year: number) => lastInSequence(tableName, counter(centerId, year)),

    /**
     * The transaction items that write the document and claim its number; `bodyIn`: the body is the one of the event
     * item written in the same transaction under that key.
     */
    items(document: ReviewDocument, year: number, sequence: number, bodyIn?: BodyIn): TransactItem[] {
      const { body: _body, ...withoutBody } = document;
      return [
        claimInSequence(tableName, counter(document.centerId, year), sequence),
        putNew(tableName, {
          ...key(document.id),
          entity: "reviewDocument",
          ...(bodyIn ? { ...withoutBody, bodyIn } : document),
        }),
      ];
    },

    async get(documentId: string): Promise<ReviewDocument | undefined> {
      const record = await getItem(tableName, key(documentId));
      if (!record) return undefined;
      const { bodyIn, ...stored } = fromRecord<ReviewDocument & { bodyIn?: BodyIn }>(record);
      if (!bodyIn) return stored;
      const event = await getItem(tableName, bodyIn);
      const body = (event?.data as { document?: { body?: unknown } } | undefined)?.document?.body;
      // Written in one transaction with the document and never deleted: its absence is a fault, not a missing document.
      if (!Array.isArray(body))
        throw new Error(`The body of document ${documentId} is not in its event item.`);
      return { ...stored, body: body as string[] };
    },
  };
}

export type DocumentStore = ReturnType<typeof documentStore>;
