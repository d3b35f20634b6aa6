import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { calendarYearKey, calendarYearRecord, calendarYears } from "#shared/aws/calendar-years.ts";
import { dynamo } from "#shared/aws/clients.ts";
import { getItem, isConditionFailure, put, putNew, putVersioned, transactWrite } from "#shared/aws/dynamo.ts";
import { publishedYearSchema, type PublishedYear } from "#shared/calendar/holiday-schedule.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";

/**
 * The calendar the catalog keeps (docs/access-patterns.md):
 *   calendar / year#<yyyy>                  an official year, the authority the others project (versioned)
 *   calendar#coverage / longest-limit       the longest committed limit any guide has set (only grows)
 *   calendar#coverage / check#<date>        one marker per day the coverage check warned, so a rerun warns once
 */
const COVERAGE_PK = "calendar#coverage";

export function calendarStore(tableName: string) {
  const years = calendarYears(tableName);
  return {
    calendar: years.calendar,

    async year(year: number): Promise<PublishedYear | undefined> {
      const record = await getItem(tableName, calendarYearKey(year));
      return record && publishedYearSchema.parse(record);
    },

    /** Publish a year at the version after the one read (a first publication is version 1) with its event. */
    async publish(year: PublishedYear, event: Envelope): Promise<void> {
      const record = calendarYearRecord(year);
      await transactWrite(
        [
          year.version === 1 ? putNew(tableName, record) : putVersioned(tableName, record),
          putNew(tableName, eventItem(event, calendarYearKey(year.year).pk)),
        ],
        () => new ConflictError(`The ${year.year} schedule changed meanwhile; read it again.`),
      );
      years.invalidate();
    },

    /** Raise the longest committed limit to `days` if it is longer (guides projected from `item.guide-published`). */
    async noteCommittedLimit(days: number): Promise<void> {
      try {
        await dynamo().send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: COVERAGE_PK, sk: "longest-limit" },
            UpdateExpression: "SET #days = :days, entity = :entity",
            ConditionExpression: "attribute_not_exists(#days) OR #days < :days",
            ExpressionAttributeNames: { "#days": "days" },
            ExpressionAttributeValues: { ":days": days, ":entity": "longestLimit" },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    async longestCommittedLimit(): Promise<number> {
      const record = await getItem(tableName, { pk: COVERAGE_PK, sk: "longest-limit" });
      return (record?.days as number | undefined) ?? 0;
    },

    async recordCoverageWarning(checkedOn: string, event: Envelope): Promise<boolean> {
      try {
        await transactWrite(
          [
            putNew(tableName, {
              pk: COVERAGE_PK,
              sk: `check#${checkedOn}`,
              entity: "coverageCheck",
              eventId: event.id,
            }),
            put(tableName, eventItem(event, COVERAGE_PK)),
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
