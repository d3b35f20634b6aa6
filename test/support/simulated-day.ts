/**
 * A simulated day of tickets in one center (2026-05-06, a date no other test uses), as intake publishes it:
 * ticket.issued / called / completed / no-show on supervision's queue. The integration suite works its expected
 * figures out by hand from this timetable (test/integration/monitoring-metrics.test.ts); the browser test shows the
 * same day on the center's dashboard (test/e2e/supervision.spec.ts).
 */
export const SIMULATED_DAY = "2026-05-06";
const at = (hhmm: string) => new Date(`${SIMULATED_DAY}T${hhmm}:00+08:00`).toISOString();
const plus = (hhmm: string, minutes: number) =>
  new Date(new Date(at(hhmm)).getTime() + minutes * 60_000).toISOString();

export interface Visit {
  id: string;
  issued: string;
  called: string;
  /** Minutes at the window; absent = nobody came when called. */
  serviceMinutes?: number;
  window: string;
  appointment?: boolean;
}

// Queue "application". Waits: 2, 8, 16, 30 minutes (09:xx), 5 and 15 (10:xx).
export const visits: readonly Visit[] = [
  { id: "tkt_m1", issued: "09:00", called: "09:02", serviceMinutes: 10, window: "win_m1" },
  { id: "tkt_m2", issued: "09:05", called: "09:13", serviceMinutes: 12, window: "win_m2", appointment: true },
  { id: "tkt_m3", issued: "09:10", called: "09:26", serviceMinutes: 14, window: "win_m1" },
  { id: "tkt_m4", issued: "09:20", called: "09:50", serviceMinutes: 20, window: "win_m2" },
  { id: "tkt_m5", issued: "10:00", called: "10:05", serviceMinutes: 12, window: "win_m1" },
  { id: "tkt_m6", issued: "10:30", called: "10:45", window: "win_m2" },
];

/** The events one visit makes, in order: issued, called, then completed or a no-show. */
export function visitEvents(centerId: string, v: Visit): { type: string; data: Record<string, unknown> }[] {
  const facts = {
    ticketId: v.id,
    number: v.id.slice(-2),
    centerId,
    businessDate: SIMULATED_DAY,
    service: "application",
    priority: v.appointment ? "appointment" : "standard",
    lane: "standard",
    extendedHours: false,
    issuedAt: at(v.issued),
    ...(v.appointment ? { appointmentId: `apt_${v.id}` } : {}),
  };
  const window = { windowId: v.window, calledAt: at(v.called) };
  return [
    { type: "ticket.issued", data: facts },
    { type: "ticket.called", data: { ...facts, ...window, transferred: false } },
    v.serviceMinutes === undefined
      ? { type: "ticket.no-show", data: { ...facts, ...window, noShowAt: plus(v.called, 3) } }
      : {
          type: "ticket.completed",
          data: {
            ...facts,
            ...window,
            servingStartedAt: at(v.called),
            completedAt: plus(v.called, v.serviceMinutes),
          },
        },
  ];
}
