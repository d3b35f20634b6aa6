import { getItem, putNew, type TransactItem } from "#shared/aws/dynamo.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { claimInSequence, lastInSequence } from "#shared/aws/sequence.ts";
import type { ReviewDocument } from "../domain/documents.ts";

/**
 * Sealed review documents `rdoc#<documentId>` / `doc`, numbered per center and year without gaps
 * (`rdoccounter#<centerId>` / `<year>`); written in the transaction of the act they record.
 */
export function documentStore(tableName: string) {
  const counter = (centerId: string, year: number) => ({ pk: `rdoccounter#${centerId}`, sk: String(year) });
  return {
    lastNumber: (centerId: string, year: number) => lastInSequence(tableName, counter(centerId, year)),

    /** The transaction items that write the document and claim its number. */
    items(document: ReviewDocument, year: number, sequence: number): TransactItem[] {
      return [
        claimInSequence(tableName, counter(document.centerId, year), sequence),
        putNew(tableName, { pk: `rdoc#${document.id}`, sk: "doc", entity: "reviewDocument", ...document }),
      ];
    },

    async get(documentId: string): Promise<ReviewDocument | undefined> {
      const record = await getItem(tableName, { pk: `rdoc#${documentId}`, sk: "doc" });
      return record && fromRecord<ReviewDocument>(record);
    },
  };
}

export type DocumentStore = ReturnType<typeof documentStore>;
