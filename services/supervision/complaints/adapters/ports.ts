import * as z from "zod";
import { clock } from "#shared/clock.ts";
import { parseEnv } from "#shared/config/env.ts";
import { ulidIds } from "#shared/ids.ts";
import { tableEnv } from "#shared/manifest/naming.ts";
import { directoryStore } from "./directory-store.ts";
import { matterStore } from "./matter-store.ts";

export const complaintsEnv = parseEnv(z.object({ [tableEnv("complaints")]: z.string().min(1) }));

const table = complaintsEnv.COMPLAINTS_TABLE;

/** Complaints' ports, built once per process. */
export const complaintsPorts = {
  directory: directoryStore(table),
  matters: matterStore(table),
  clock,
  ids: ulidIds(clock),
};
export type ComplaintsPorts = typeof complaintsPorts;
