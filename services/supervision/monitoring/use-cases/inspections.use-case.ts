import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { assertCenterScope } from "#shared/auth/principal.ts";
import { ForbiddenError, NotFoundError } from "#shared/errors.ts";
import { newEvent, type TypedEnvelope } from "#shared/events/envelope.ts";
import { fromRecord } from "#shared/aws/records.ts";
import type { complianceFindingRaised } from "#services/catalog/contract/events.ts";
import type { Warning } from "../adapters/clock-store.ts";
import { staffAppraisal } from "../domain/appraisal.ts";
import type { RatingFact } from "../adapters/fact-store.ts";
import type { MonitoringPorts } from "../adapters/ports.ts";
import {
  assertMayRecord,
  newInspection,
  rectifyFinding,
  type Inspection,
  type InspectionInput,
} from "../domain/inspection.ts";
import { inspectionFindingRectified, inspectionRecorded } from "../contract/inspection-events.ts";

type Ports = Pick<MonitoringPorts, "inspections" | "clock" | "ids">;

/** Art. 53: record a self-check, patrol or monitoring review; findings with a deadline open rectifications. */
export async function recordInspection(input: InspectionInput, caller: Caller, ports: Ports) {
  assertMayRecord(caller.principal, input);
  const inspection = newInspection(
    ports.ids.next("ins"),
    input,
    caller.principal.sub,
    ports.clock.now().toISOString(),
  );
  const event = newEvent(
    inspectionRecorded,
    {
      inspectionId: inspection.id,
      centerId: inspection.centerId,
      ...(inspection.departmentId ? { departmentId: inspection.departmentId } : {}),
      ...(inspection.windowId ? { windowId: inspection.windowId } : {}),
      kind: inspection.kind,
      inspectedAt: inspection.inspectedAt,
      findings: inspection.findings.map((f) => ({
        findingId: f.id,
        category: f.category,
        ...(f.staffId ? { staffId: f.staffId } : {}),
        ...(f.rectification ? { rectificationDueAt: f.rectification.dueAt } : {}),
      })),
    },
    causedBy(caller, "monitoring", inspection.id),
    ports,
  );
  await ports.inspections.create(inspection, event);
  return inspection;
}

export async function listInspections(
  centerId: string,
  page: { cursor?: string; limit: number },
  caller: Caller,
  ports: Ports,
) {
  assertCenterScope(caller.principal, centerId);
  return ports.inspections.list(centerId, page);
}

/** The center's administration, or the chief representative of the department inspected, records the measures. */
export async function rectifyInspectionFinding(
  inspectionId: string,
  findingId: string,
  measures: string,
  caller: Caller,
  ports: Ports,
) {
  const inspection = await ports.inspections.get(inspectionId);
  if (!inspection) throw new NotFoundError(`Inspection ${inspectionId} does not exist.`);
  const p = caller.principal;
  assertCenterScope(p, inspection.centerId);
  if (p.role === "chiefRep" && p.departmentId !== inspection.departmentId)
    throw new ForbiddenError("The chief representative rectifies the findings about their own department.");
  const { inspection: next, finding } = rectifyFinding(
    inspection,
    findingId,
    measures,
    ports.clock.now().toISOString(),
  );
  await ports.inspections.update(
    next,
    newEvent(
      inspectionFindingRectified,
      {
        inspectionId,
        centerId: next.centerId,
        findingId,
        completedAt: finding.rectification!.completedAt!,
        onTime: finding.rectification!.onTime!,
      },
      causedBy(caller, "monitoring", inspectionId),
      ports,
    ),
  );
  return next;
}

/** Art. 45, 48: each staff member's month, from the center-month partition and the roster identities of handlers. */
export async function getStaffAppraisal(
  centerId: string,
  month: string,
  caller: Caller,
  ports: Pick<MonitoringPorts, "facts" | "directory">,
) {
  assertCenterScope(caller.principal, centerId);
  const records = await ports.facts.monthRecords(centerId, month);
  const of = <T>(entity: string) => records.filter((r) => r.entity === entity).map((r) => fromRecord<T>(r));
  const overdue = of<Warning>("warning").filter((w) => w.level === "red");
  const staffOfUser = await ports.directory.staffIdsOfUsers(
    overdue.flatMap((w) => (w.handler ? [w.handler] : [])),
  );
  return {
    centerId,
    month,
    staff: staffAppraisal({
      ratings: of<RatingFact>("ratingFact"),
      overdue,
      inspections: of<Inspection>("inspection"),
      complianceFindings: of<{ staffId: string }>("complianceFinding"),
      staffOfUser,
    }),
  };
}

/** The catalog's daily staff check raised a finding about a person: kept for their appraisal (art. 43–49). */
export async function projectComplianceFinding(
  event: TypedEnvelope<typeof complianceFindingRaised>,
  ports: Pick<MonitoringPorts, "inspections">,
): Promise<void> {
  const f = event.data;
  if (f.subject.kind !== "staff") return;
  await ports.inspections.saveComplianceFinding({
    findingId: f.findingId,
    centerId: f.centerId,
    rule: f.rule,
    staffId: f.subject.id,
    checkedOn: f.checkedOn,
  });
}
