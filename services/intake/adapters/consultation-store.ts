import { getItem, put, putNew, transactWrite } from "#shared/aws/dynamo.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import type { Consultation } from "../domain/consultation.ts";

/** Consultations `consult#<id>` / `consult`, with their event. */
export function consultationStore(tableName: string) {
  const key = (id: string) => ({ pk: `consult#${id}`, sk: "consult" });
  return {
    async create(consultation: Consultation, event: Envelope): Promise<void> {
      await transactWrite(
        [
          putNew(tableName, { ...key(consultation.id), entity: "consultation", ...consultation }),
          put(tableName, eventItem(event, key(consultation.id).pk)),
        ],
        () => new ConflictError("This consultation already exists."),
      );
    },
    async get(id: string): Promise<Consultation | undefined> {
      const record = await getItem(tableName, key(id));
      return record && fromRecord<Consultation>(record);
    },
  };
}
