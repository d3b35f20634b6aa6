import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
import {
  isConditionFailure,
  putNew,
  queryAll,
  retrying,
  transactWrite,
  type TransactItem,
} from "#shared/aws/dynamo.ts";
import { HISTOGRAM_MINUTES, type Bucket } from "../domain/queue-metrics.ts";

/**
 * Queue metric buckets, kept incrementally (never by reading tickets):
 *   qm#<centerId>#<YYYY-MM> / <date>#<HH>#<service>    counters, minute histograms (w000…w240, s000…s240), windows
 *   qm-applied#<eventId> / qm                          the event was counted (expires after 30 days)
 * Counting an event is one transaction: the marker (refused if the event was counted already) and the ADDs. The
 * maximum wait is a second, conditional write: applying it twice changes nothing.
 */
const pkOf = (centerId: string, date: string) => `qm#${centerId}#${date.slice(0, 7)}`;
const skOf = (date: string, hour: number, service: string) =>
  `${date}#${String(hour).padStart(2, "0")}#${service}`;
const hist = (prefix: "w" | "s", minute: number) => `${prefix}${String(minute).padStart(3, "0")}`;
const MARKER_TTL_S = 30 * 86_400;

export interface Increment {
  centerId: string;
  date: string;
  hour: number;
  service: string;
  add: Partial<
    Record<
      | "arrivals"
      | "appointmentArrivals"
      | "walkIns"
      | "waits"
      | "waitSumSeconds"
      | "served"
      | "serviceSumSeconds"
      | "noShows",
      number
    >
  >;
  waitMinute?: number;
  serviceMinute?: number;
  window?: string;
  waitSeconds?: number;
}

export function metricsStore(tableName: string) {
  /** Apply `update` once per event: the marker's condition refuses a second time. False when already counted. */
  const once = (eventId: string, update: NonNullable<TransactItem["Update"]>, nowEpochS: number) =>
    retrying(() =>
      transactWrite(
        [
          putNew(tableName, {
            pk: `qm-applied#${eventId}`,
            sk: "qm",
            entity: "metricMarker",
            ttl: nowEpochS + MARKER_TTL_S,
          }),
          { Update: update },
        ],
        () => new AlreadyCounted(),
      ).then(() => true),
    ).catch((error: unknown) => {
      if (error instanceof AlreadyCounted) return false;
      throw error;
    });

  return {
    /** Count one event once. Returns false when it had been counted already. */
    async count(eventId: string, inc: Increment, nowEpochS: number): Promise<boolean> {
      const key = { pk: pkOf(inc.centerId, inc.date), sk: skOf(inc.date, inc.hour, inc.service) };
      const adds: Record<string, number> = { ...inc.add } as Record<string, number>;
      if (inc.waitMinute !== undefined) adds[hist("w", inc.waitMinute)] = 1;
      if (inc.serviceMinute !== undefined) adds[hist("s", inc.serviceMinute)] = 1;
      const names = Object.keys(adds);
      const counted = await once(
        eventId,
        {
          TableName: tableName,
          Key: key,
          UpdateExpression: [
            "SET entity = :entity, centerId = :center, #date = :date, #hour = :hour, service = :service",
            `ADD ${[...names.map((n, i) => `#a${i} :a${i}`), ...(inc.window ? ["windows :window"] : [])].join(", ")}`,
          ].join(" "),
          ExpressionAttributeNames: {
            "#date": "date",
            "#hour": "hour",
            ...Object.fromEntries(names.map((n, i) => [`#a${i}`, n])),
          },
          ExpressionAttributeValues: {
            ":entity": "queueMetrics",
            ":center": inc.centerId,
            ":date": inc.date,
            ":hour": inc.hour,
            ":service": inc.service,
            ...Object.fromEntries(names.map((n, i) => [`:a${i}`, adds[n]])),
            ...(inc.window ? { ":window": new Set([inc.window]) } : {}),
          },
        },
        nowEpochS,
      );
      if (inc.waitSeconds !== undefined) {
        await dynamo()
          .send(
            new UpdateCommand({
              TableName: tableName,
              Key: key,
              UpdateExpression: "SET waitMaxSeconds = :v",
              ConditionExpression: "attribute_not_exists(waitMaxSeconds) OR waitMaxSeconds < :v",
              ExpressionAttributeValues: { ":v": inc.waitSeconds },
            }),
          )
          .catch((error: unknown) => {
            if (!isConditionFailure(error)) throw error;
          });
      }
      return counted;
    },

    /**
     * Appointments kept (checked in) or missed, by the slot's date: appt#<centerId>#<YYYY-MM> / <date>. Once per event.
     */
    async countAppointment(
      eventId: string,
      a: { centerId: string; date: string; kept: boolean },
      nowEpochS: number,
    ): Promise<boolean> {
      return once(
        eventId,
        {
          TableName: tableName,
          Key: { pk: `appt#${a.centerId}#${a.date.slice(0, 7)}`, sk: a.date },
          UpdateExpression: "SET entity = :entity, centerId = :center, #date = :date ADD #n :one",
          ExpressionAttributeNames: { "#date": "date", "#n": a.kept ? "kept" : "missed" },
          ExpressionAttributeValues: {
            ":entity": "appointmentCounts",
            ":center": a.centerId,
            ":date": a.date,
            ":one": 1,
          },
        },
        nowEpochS,
      );
    },

    /** Appointments kept and missed in a month. */
    async appointments(centerId: string, month: string): Promise<{ kept: number; missed: number }> {
      const days = await queryAll(tableName, `appt#${centerId}#${month}`, "");
      return {
        kept: days.reduce((n, d) => n + ((d.kept as number) ?? 0), 0),
        missed: days.reduce((n, d) => n + ((d.missed as number) ?? 0), 0),
      };
    },

    /** Every bucket of a center from `from` to `to` (dates, inclusive): one query per month. */
    async buckets(centerId: string, from: string, to: string): Promise<Bucket[]> {
      const months: string[] = [];
      for (let m = from.slice(0, 7); m <= to.slice(0, 7);) {
        months.push(m);
        const [y, mm] = m.split("-").map(Number) as [number, number];
        m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, "0")}`;
      }
      const items = (
        await Promise.all(months.map((m) => queryAll(tableName, `qm#${centerId}#${m}`, "")))
      ).flat();
      return items
        .filter((i) => (i.date as string) >= from && (i.date as string) <= to)
        .map((i) => ({
          date: i.date as string,
          hour: i.hour as number,
          service: i.service as string,
          arrivals: (i.arrivals as number) ?? 0,
          appointmentArrivals: (i.appointmentArrivals as number) ?? 0,
          walkIns: (i.walkIns as number) ?? 0,
          waits: (i.waits as number) ?? 0,
          waitSumSeconds: (i.waitSumSeconds as number) ?? 0,
          waitMaxSeconds: (i.waitMaxSeconds as number) ?? 0,
          waitHistogram: histogramOf(i, "w"),
          served: (i.served as number) ?? 0,
          serviceSumSeconds: (i.serviceSumSeconds as number) ?? 0,
          serviceHistogram: histogramOf(i, "s"),
          windows: [...((i.windows as Set<string> | undefined) ?? [])].sort(),
          noShows: (i.noShows as number) ?? 0,
        }));
    },
  };
}

function histogramOf(item: Record<string, unknown>, prefix: "w" | "s"): number[] {
  const h: number[] = [];
  for (let m = 0; m <= HISTOGRAM_MINUTES; m++) {
    const v = item[hist(prefix, m)];
    if (typeof v === "number") h[m] = v;
  }
  return Array.from(h, (v) => v ?? 0);
}

class AlreadyCounted extends Error {}
