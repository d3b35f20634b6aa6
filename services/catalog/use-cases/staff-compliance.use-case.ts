import { systemActor, type Caller } from "#shared/auth/caller.ts";
import type { Page } from "#shared/aws/pagination.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import { newEvent } from "#shared/events/envelope.ts";
import { logger } from "#shared/observability.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import { assertOversees } from "../domain/scope.ts";
import {
  complianceFindings,
  complianceRules,
  reconcile,
  type ComplianceRule,
  type Finding,
  type FindingFacts,
  type FindingState,
  type RosterMember,
} from "../domain/staff-compliance.ts";
import { complianceFindingRaised, complianceFindingResolved } from "../contract/events.ts";
import { referencedCenter } from "./load.ts";

type Ports = Pick<CatalogPorts, "centers" | "staff" | "compliance" | "clock" | "ids" | "policy">;

const CHECK = "check-staff-compliance";
/** Centers read, and findings written, this many at a time: steady load on the table, bounded memory per batch. */
const PARALLEL = 8;

async function inBatches<T, R>(list: readonly T[], fn: (x: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < list.length; i += PARALLEL)
    results.push(...(await Promise.all(list.slice(i, i + PARALLEL).map(fn))));
  return results;
}

async function everyPage<T>(read: (p: { cursor?: string; limit: number }) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ cursor, limit: 100 });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

export interface ComplianceRun {
  checkedOn: string;
  centers: number;
  raised: number;
  resolved: number;
}

/**
 * The daily staff-compliance check (art. 43–49).
 * 1. Read every center's open windows and roster, and the art. 46 filings of everyone whose record changed since
 *    registration (a record at version 1 has none).
 * 2. Evaluate the rules on today's Beijing date (domain/staff-compliance.ts): the whole roster at once, because a
 *    person who left a center early is found under the center they went to.
 * 3. Per center, compare with the stored findings: raise those that hold and are not open, resolve open ones that no
 *    longer hold, each with its event in one transaction. An open finding that still holds is not touched, so a
 *    rerun the same day writes nothing; two runs at once write each change once (conditional writes).
 */
export async function checkStaffCompliance(runId: string, ports: Ports): Promise<ComplianceRun> {
  const { centers, staff, compliance, clock, policy } = ports;
  const checkedOn = businessDate(clock.now());
  const centerList = await everyPage((p) => centers.list({}, p));
  const perCenter = await inBatches(centerList, async (c) => ({
    windows: await centers.windows(c.id),
    members: await everyPage((p) => staff.inCenter(c.id, p)),
  }));
  const roster: RosterMember[] = await inBatches(
    perCenter.flatMap((c) => c.members),
    async (m) => ({ ...m, filings: m.version > 1 ? await compliance.filings(m.id) : [] }),
  );
  const holding = complianceFindings(
    { today: checkedOn, roster, windows: perCenter.flatMap((c) => c.windows) },
    policy.staffCompliance,
  );

  const context = (findingId: string) => ({
    source: "catalog",
    subject: findingId,
    actor: systemActor(CHECK),
    correlationId: runId,
  });
  const holdingIn = new Map<string, FindingFacts[]>();
  for (const f of holding) {
    const list = holdingIn.get(f.centerId);
    if (list) list.push(f);
    else holdingIn.set(f.centerId, [f]);
  }
  let raised = 0;
  let resolved = 0;
  await inBatches(centerList, async (center) => {
    const plan = reconcile(holdingIn.get(center.id) ?? [], await compliance.inCenter(center.id));
    for (const { facts, previous } of plan.raise) {
      const now = clock.now().toISOString();
      const { articles, title } = complianceRules[facts.rule];
      const finding: Finding = {
        ...facts,
        id: previous?.id ?? ports.ids.next("fnd"),
        articles,
        title,
        state: "open",
        raisedOn: checkedOn,
        raisedAt: now,
        version: (previous?.version ?? 0) + 1,
      };
      const event = newEvent(
        complianceFindingRaised,
        { ...facts, findingId: finding.id, articles, checkedOn },
        context(finding.id),
        ports,
      );
      if (await compliance.save(finding, event)) raised++;
    }
    for (const open of plan.resolve) {
      const finding: Finding = {
        ...open,
        state: "resolved",
        resolvedOn: checkedOn,
        resolvedAt: clock.now().toISOString(),
        version: open.version + 1,
      };
      const event = newEvent(
        complianceFindingResolved,
        {
          findingId: open.id,
          centerId: open.centerId,
          rule: open.rule,
          subject: open.subject,
          raisedOn: open.raisedOn,
          checkedOn,
        },
        context(open.id),
        ports,
      );
      if (await compliance.save(finding, event)) resolved++;
    }
  });
  const run = { checkedOn, centers: centerList.length, raised, resolved };
  logger.info("staff compliance checked", { ...run, holding: holding.length, staff: roster.length });
  return run;
}

/** A center's findings for its administration and supervisors (and those of the centers above it). */
export async function listComplianceFindings(
  query: {
    centerId: string;
    rule?: ComplianceRule;
    state?: FindingState;
    cursor?: string;
    limit: number;
  },
  caller: Caller,
  ports: Pick<CatalogPorts, "centers" | "compliance">,
): Promise<Page<Finding>> {
  const { centerId, rule, state, ...page } = query;
  assertOversees(caller.principal, await referencedCenter(centerId, ["query", "centerId"], ports));
  return ports.compliance.list({ centerId, rule, state }, page);
}
