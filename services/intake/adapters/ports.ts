import * as z from "zod";
import { clock } from "#shared/clock.ts";
import { parseEnv } from "#shared/config/env.ts";
import { httpHandlerFactory } from "#shared/http/handler.ts";
import { ulidIds } from "#shared/ids.ts";
import { tableEnv } from "#shared/manifest/naming.ts";
import { intakeStore } from "./intake-store.ts";

export const intakeEnv = parseEnv(z.object({ [tableEnv("intake")]: z.string().min(1) }));

/** Intake's ports, built once per process. */
export const intakePorts = {
  store: intakeStore(intakeEnv.INTAKE_TABLE),
  clock,
  ids: ulidIds(clock),
};
export type IntakePorts = typeof intakePorts;

export const intakeHttp = httpHandlerFactory({ deps: intakePorts, tableName: intakeEnv.INTAKE_TABLE });
