import { systemActor } from "#shared/auth/caller.ts";
import { newEvent } from "#shared/events/envelope.ts";
import { businessMetrics } from "#shared/business-metrics.ts";
import { logger, recordMetric } from "#shared/observability.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import { coverageStatus, type CoverageStatus } from "../domain/calendar-coverage.ts";
import { calendarCoverageLow } from "../events.ts";

/**
 * Daily check that the holiday calendar reaches far enough ahead (a deadline computed past its data would silently
 * ignore holidays). Every run reports the days left (`CalendarDaysLeft`, which the operations alarm watches); when
 * they are too few, it raises `calendar.coverage-low` once per day and logs an error.
 */
export async function checkCalendarCoverage(
  runId: string,
  { calendar, clock, ids, policy }: Pick<CatalogPorts, "calendar" | "clock" | "ids" | "policy">,
): Promise<CoverageStatus & { raised: boolean }> {
  const status = coverageStatus(clock.now(), policy.calendarCoverageMinDays);
  recordMetric(businessMetrics.calendarDaysLeft, status.daysLeft);
  if (status.status === "ok") return { ...status, raised: false };
  const event = newEvent(
    calendarCoverageLow,
    {
      checkedOn: status.checkedOn,
      coveredUntil: status.coveredUntil,
      daysLeft: status.daysLeft,
      minDays: status.minDays,
    },
    {
      source: "catalog",
      subject: "calendar",
      actor: systemActor("check-calendar-coverage"),
      correlationId: runId,
    },
    { clock, ids },
  );
  const raised = await calendar.recordCoverageWarning(status.checkedOn, event);
  logger.error("holiday calendar coverage is low: update chinese-days", { ...status, raised });
  return { ...status, raised };
}
