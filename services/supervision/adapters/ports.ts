import * as z from "zod";
import { clock } from "#shared/clock.ts";
import { parseEnv, policyNumber } from "#shared/config/env.ts";
import { httpHandlerFactory } from "#shared/http/handler.ts";
import { ulidIds } from "#shared/ids.ts";
import { tableEnv } from "#shared/manifest/naming.ts";
import { clockStore } from "./clock-store.ts";
import { directoryStore } from "./directory-store.ts";

export const supervisionEnv = parseEnv(
  z.object({
    [tableEnv("supervision")]: z.string().min(1),
    /** Working days to accept or send a correction notice (行政许可法 art. 32; DOMAIN.md). Same variable as intake's. */
    ACCEPTANCE_WINDOW_DAYS: policyNumber(5),
    /** Working days from the decision to the result in the applicant's hands (行政许可法 art. 44). */
    DELIVERY_LIMIT_DAYS: policyNumber(10),
    /** Partitions of the due index: the sweep reads them in parallel, so no hot partition limits it. */
    DUE_INDEX_SHARDS: policyNumber(4),
    /** Clocks one sweep run handles at most; the rest stay due for the next minute. */
    SWEEP_MAX_CLOCKS: policyNumber(2000),
  }),
);

const table = supervisionEnv.SUPERVISION_TABLE;

/** Supervision's ports, built once per process. */
export const supervisionPorts = {
  clocks: clockStore(table, supervisionEnv.DUE_INDEX_SHARDS),
  directory: directoryStore(table),
  clock,
  ids: ulidIds(clock),
  policy: {
    acceptanceWindowDays: supervisionEnv.ACCEPTANCE_WINDOW_DAYS,
    deliveryLimitDays: supervisionEnv.DELIVERY_LIMIT_DAYS,
    sweepMaxClocks: supervisionEnv.SWEEP_MAX_CLOCKS,
  },
};
export type SupervisionPorts = typeof supervisionPorts;

export const supervisionHttp = httpHandlerFactory({ deps: supervisionPorts, tableName: table });
