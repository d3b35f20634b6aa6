import type { Inspection } from "./inspection.ts";
import { isBad, type RatingLevel } from "#services/supervision/complaints/contract/rating-values.ts";

/**
 * A staff member's month, for the administration's appraisal of the people serving in its center (art. 45: 平时考核 and
 * the annual grade it proposes; art. 48: the service norms): ratings naming them, 差评 (an appeal upheld takes one
 * out), cases that went overdue in their hands, inspection findings about them and staff compliance findings.
 */
export interface StaffMonth {
  staffId: string;
  ratings: number;
  satisfied: number;
  poor: number;
  overdueCases: number;
  inspectionFindings: number;
  complianceFindings: number;
}

export interface AppraisalInputs {
  ratings: { staffId?: string; level: RatingLevel; excluded?: boolean }[];
  /** Red warnings of the month with the handler (a sign-in identity) they were raised on. */
  overdue: { subjectId: string; handler?: string }[];
  inspections: Pick<Inspection, "findings">[];
  complianceFindings: { staffId: string }[];
  /** The roster entries of the handlers' identities. */
  staffOfUser: Map<string, string>;
}

export function staffAppraisal(inputs: AppraisalInputs): StaffMonth[] {
  const rows = new Map<string, StaffMonth>();
  const row = (staffId: string) => {
    let r = rows.get(staffId);
    if (!r) {
      r = {
        staffId,
        ratings: 0,
        satisfied: 0,
        poor: 0,
        overdueCases: 0,
        inspectionFindings: 0,
        complianceFindings: 0,
      };
      rows.set(staffId, r);
    }
    return r;
  };
  for (const rating of inputs.ratings) {
    if (!rating.staffId || rating.excluded) continue;
    const r = row(rating.staffId);
    r.ratings++;
    if (isBad(rating.level)) r.poor++;
    else r.satisfied++;
  }
  // A case counts once per person, whichever of its stages went red in their hands.
  const overdue = new Set<string>();
  for (const w of inputs.overdue) {
    const staffId = w.handler && inputs.staffOfUser.get(w.handler);
    if (!staffId || overdue.has(`${staffId}|${w.subjectId}`)) continue;
    overdue.add(`${staffId}|${w.subjectId}`);
    row(staffId).overdueCases++;
  }
  for (const inspection of inputs.inspections)
    for (const f of inspection.findings) if (f.staffId) row(f.staffId).inspectionFindings++;
  for (const f of inputs.complianceFindings) row(f.staffId).complianceFindings++;
  return [...rows.values()].sort((a, b) => a.staffId.localeCompare(b.staffId));
}
