import { put, putNew, transactWrite } from "#shared/aws/dynamo.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";

/** The daily calendar-coverage check: one marker per Beijing day, so a rerun of the same day writes nothing. */
export function calendarStore(tableName: string) {
  return {
    async recordCoverageWarning(checkedOn: string, event: Envelope): Promise<boolean> {
      try {
        await transactWrite(
          [
            putNew(tableName, {
              pk: "calendar#coverage",
              sk: `check#${checkedOn}`,
              entity: "coverageCheck",
              eventId: event.id,
            }),
            put(tableName, eventItem(event, "calendar#coverage")),
          ],
          () => new ConflictError("already recorded"),
        );
        return true;
      } catch (error) {
        if (error instanceof ConflictError) return false;
        throw error;
      }
    },
  };
}
