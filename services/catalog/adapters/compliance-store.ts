import { put, putNew, putVersioned, queryAll, transactWrite } from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import { ConflictError } from "#shared/errors.ts";
import { EVENT_ENTITY, eventItem, eventSortKey, type Envelope } from "#shared/events/envelope.ts";
import type { ComplianceRule, Filing, Finding, FindingState } from "../domain/staff-compliance.ts";
import { logger } from "#shared/observability.ts";
import { assignmentFiled } from "../contract/events.ts";
import { staffPk } from "./entities/staff.entity.ts";

/**
 * Staff compliance findings (docs/access-patterns.md, catalog). A center's findings share its partition
 * `compliance#<centerId>`, one item per rule and subject: `finding#<rule>#<subjectId>`, updated in place as it is
 * raised, resolved and raised again — so a run can never create a second one. Their events sit in the same partition.
 * `findingsByCenterAndState` reuses gsi1 with the prefix `compliance#<centerId>#<state>` / `<rule>#<subjectId>`.
 */
export const compliancePk = (centerId: string) => `compliance#${centerId}`;
const findingSk = (rule: string, subjectId: string) => `finding#${rule}#${subjectId}`;
const byState = (centerId: string, state: FindingState) => `compliance#${centerId}#${state}`;

const toFindingRecord = (f: Finding) => ({
  pk: compliancePk(f.centerId),
  sk: findingSk(f.rule, f.subject.id),
  entity: "complianceFinding",
  gsi1pk: byState(f.centerId, f.state),
  gsi1sk: `${f.rule}#${f.subject.id}`,
  ...f,
});

/** Someone else's run got there first (two runs at once): their write stands, this one is skipped. */
const raced = () => new ConflictError("The finding changed meanwhile.");

export function complianceStore(tableName: string) {
  /** Save a raised, reopened or resolved finding with its event; false when another run changed it first. */
  async function save(finding: Finding, event: Envelope): Promise<boolean> {
    const record = toFindingRecord(finding);
    try {
      await transactWrite(
        [
          finding.version === 1 ? putNew(tableName, record) : putVersioned(tableName, record),
          put(tableName, eventItem(event, compliancePk(finding.centerId))),
        ],
        raced,
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  return {
    /** Every finding of a center, open and resolved (bounded: one per rule and person or window). */
    async inCenter(centerId: string): Promise<Finding[]> {
      return (await queryAll(tableName, compliancePk(centerId), "finding#")).map(fromRecord<Finding>);
    },

    save,

    /**
     * The admin's list: by state through gsi1 (findingsByCenterAndState), or every state from the partition;
     * either way a rule narrows it with `begins_with`.
     */
    list(
      filter: { centerId: string; rule?: ComplianceRule; state?: FindingState },
      p: { cursor?: string; limit: number },
    ): Promise<Page<Finding>> {
      const { centerId, rule, state } = filter;
      if (state) {
        return queryPage<Finding>(
          {
            TableName: tableName,
            IndexName: "gsi1",
            KeyConditionExpression: rule ? "gsi1pk = :pk AND begins_with(gsi1sk, :prefix)" : "gsi1pk = :pk",
            ExpressionAttributeValues: {
              ":pk": byState(centerId, state),
              ...(rule ? { ":prefix": `${rule}#` } : {}),
            },
          },
          p,
          ["pk", "sk", "gsi1pk", "gsi1sk"],
          fromRecord,
        );
      }
      return queryPage<Finding>(
        {
          TableName: tableName,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: {
            ":pk": compliancePk(centerId),
            ":prefix": rule ? findingSk(rule, "") : "finding#",
          },
        },
        p,
        ["pk", "sk"],
        fromRecord,
      );
    },

    /**
     * A person's art. 46 filings, oldest first: the `staff.assignment-filed` event items in their partition (the
     * filing record, docs/access-patterns.md). Read-only; the staff store writes them.
     */
    async filings(staffId: string): Promise<Filing[]> {
      const items = await queryAll(tableName, staffPk(staffId), eventSortKey(""));
      return items
        .filter((i) => i.entity === EVENT_ENTITY && i.type === assignmentFiled.type && i.version === 1)
        .flatMap((i) => {
          const parsed = assignmentFiled.schema.safeParse(i.data);
          if (!parsed.success) {
            // One unreadable record must not stop the check for every center; the alarm on errors catches it.
            logger.error("unreadable assignment filing skipped", { staffId, eventId: i.id });
            return [];
          }
          const { staff, previous, effectiveOn } = parsed.data;
          const { centerId, departmentId, role, windowId, keyPost } = staff;
          return [
            {
              previous,
              next: { centerId, departmentId, role, windowId, keyPost },
              effectiveOn,
              filedOn: businessDate(new Date(i.occurredAt as string)),
            },
          ];
        });
    },
  };
}

export type ComplianceStore = ReturnType<typeof complianceStore>;
