import * as z from "zod";
import { clock } from "#shared/clock.ts";
import { parseEnv } from "#shared/config/env.ts";
import { ulidIds } from "#shared/ids.ts";
import { tableEnv } from "#shared/manifest/naming.ts";
import { calendarYears } from "#shared/aws/calendar-years.ts";
import { documentStore } from "./document-store.ts";
import { referenceStore } from "./reference-store.ts";
import type { SealPort } from "#shared/signing/signing-port.ts";
import { taskStore } from "./task-store.ts";
import { workingSpan } from "../domain/contact.ts";

export const reviewEnv = parseEnv(
  z.object({
    [tableEnv("review")]: z.string().min(1),
    /** The working time of a working day, Beijing time: contacts outside it are flagged (art. 30). */
    WORKING_HOURS: z
      .string()
      .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, "HH:MM-HH:MM")
      .default("09:00-17:00")
      .transform(workingSpan),
    /** Whether a public notice (公示) stops the review clock like the statutory special procedures (local policy). */
    PUBLIC_NOTICE_PAUSES: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
  }),
);

const table = reviewEnv.REVIEW_TABLE;

/**
 * Review's ports, built once per process. The seal (KMS in AWS) is not in here: only the handlers that seal or verify a
 * document add it (`reviewHttpWith`, adapters/http.ts), so the others neither bundle nor load the KMS client (issue 21).
 */
export const reviewPorts = {
  /** The working calendar on the holiday schedules this service projected (calendar.year-published). */
  calendar: calendarYears(table),
  tasks: taskStore(table),
  documents: documentStore(table),
  reference: referenceStore(table),
  clock,
  ids: ulidIds(clock),
  policy: {
    publicNoticePauses: reviewEnv.PUBLIC_NOTICE_PAUSES,
    workingSpan: reviewEnv.WORKING_HOURS,
  },
};

/** Every port a use case may ask for; a handler's own set says which it has (the compiler checks each call). */
export type ReviewPorts = typeof reviewPorts & {
  /** The department's approval seal on review documents (art. 29): KMS in AWS, a P-256 or SM2 pair locally (SEAL_ALGORITHM). */
  seal: SealPort;
};
