import { systemActor } from "#shared/auth/caller.ts";
import { newEvent } from "#shared/events/envelope.ts";
import { businessMetrics } from "#shared/business-metrics.ts";
import { logger, recordMetric } from "#shared/observability.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import { coverageStatus, type CoverageStatus } from "../domain/calendar-coverage.ts";
import { calendarCoverageLow } from "../contract/events.ts";

type Ports = Pick<CatalogPorts, "calendar" | "clock" | "policy">;

/** Which years the deadlines set today can reach, and whether each has its published schedule (public). */
export async function readCalendarCoverage({ calendar, clock, policy }: Ports): Promise<CoverageStatus> {
  const [working, longest] = await Promise.all([calendar.calendar(), calendar.longestCommittedLimit()]);
  return coverageStatus(clock.now(), working, longest, policy.calendarReach);
}

/**
 * Daily check that every year a deadline set today can reach has its published schedule. Every run reports how many
 * such years are provisional (`CalendarYearsProvisional`, which the operations alarm watches); when any is, it raises
 * `calendar.coverage-low` once per day and logs a warning — deadlines still work (on the statutory holidays), but the
 * State Council's notice should be published (docs/how-to.md).
 */
export async function checkCalendarCoverage(
  runId: string,
  ports: Ports & Pick<CatalogPorts, "ids">,
): Promise<CoverageStatus & { raised: boolean }> {
  const status = await readCalendarCoverage(ports);
  recordMetric(businessMetrics.calendarYearsProvisional, status.provisionalYears.length);
  if (status.status === "ok") return { ...status, raised: false };
  const event = newEvent(
    calendarCoverageLow,
    {
      checkedOn: status.checkedOn,
      provisionalYears: status.provisionalYears,
      reachesOn: status.reachesOn,
      longestLimitWorkingDays: status.longestLimitWorkingDays,
    },
    {
      source: "catalog",
      subject: "calendar",
      actor: systemActor("check-calendar-coverage"),
      correlationId: runId,
    },
    ports,
  );
  const raised = await ports.calendar.recordCoverageWarning(status.checkedOn, event);
  logger.warn("deadlines reach a year whose holiday schedule is not published: publish it", {
    ...status,
    raised,
  });
  return { ...status, raised };
}
