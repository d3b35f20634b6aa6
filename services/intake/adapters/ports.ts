import * as z from "zod";
import { clock } from "#shared/clock.ts";
import { parseEnv, policyNumber } from "#shared/config/env.ts";
import { ulidIds } from "#shared/ids.ts";
import { bucketEnv, tableEnv } from "#shared/manifest/naming.ts";
import { calendarYears } from "#shared/aws/calendar-years.ts";
import type { SealPort } from "#shared/signing/signing-port.ts";
import { appointmentStore } from "./appointment-store.ts";
import { authorisationStore } from "./authorisation-store.ts";
import { applicationStore } from "./application-store.ts";
import { consultationStore } from "./consultation-store.ts";
import { eLicenseRegistry } from "./e-license-registry.ts";
import type { FileStorage } from "./file-storage.ts";
import { fileStore } from "./file-store.ts";
import { referenceStore } from "./reference-store.ts";
import { ticketStore } from "./ticket-store.ts";

export const intakeEnv = parseEnv(
  z.object({
    [tableEnv("intake")]: z.string().min(1),
    /** The materials bucket (electronic materials, issue 19). */
    [bucketEnv("intake", "materials")]: z.string().min(1),
    /** Working days a clerk has to accept or send a correction notice (行政许可法 art. 32; DOMAIN.md). */
    ACCEPTANCE_WINDOW_DAYS: policyNumber(5),
    /** Default working days an applicant gets to supplement after a correction notice (policy). */
    CORRECTION_DEADLINE_DAYS: policyNumber(10),
    /** Default working days to cure the deficiencies of a tolerant acceptance (policy). */
    CURE_DEADLINE_DAYS: policyNumber(10),
    /** Minutes after an appointment's start before it counts as a no-show (policy). */
    NO_SHOW_GRACE_MINUTES: policyNumber(15),
    /** Minutes before an appointment's start from which it may be checked in. */
    CHECK_IN_EARLY_MINUTES: policyNumber(30),
    /** Appointments one open window takes per slot (policy). */
    APPOINTMENTS_PER_WINDOW: policyNumber(1),
  }),
);

const table = intakeEnv.INTAKE_TABLE;

/**
 * Intake's ports, built once per process. The two that bring an SDK client of their own — `storage` (S3) and `seal`
 * (KMS) — are not in here: only the handlers that use them add them (`intakeHttpWith`, adapters/http.ts), so the other
 * handlers neither bundle nor load those clients (issue 21).
 */
export const intakePorts = {
  /** The working calendar on the holiday schedules this service projected (calendar.year-published). */
  calendar: calendarYears(table),
  reference: referenceStore(table),
  applications: applicationStore(table),
  consultations: consultationStore(table),
  appointments: appointmentStore(table),
  tickets: ticketStore(table),
  eLicenses: eLicenseRegistry(table),
  authorisations: authorisationStore(table),
  /** Electronic materials: their records here, their bytes in the materials bucket (`storage`, below). */
  files: fileStore(table),
  clock,
  ids: ulidIds(clock),
  policy: {
    acceptanceWindowDays: intakeEnv.ACCEPTANCE_WINDOW_DAYS,
    correctionDeadlineDays: intakeEnv.CORRECTION_DEADLINE_DAYS,
    cureDeadlineDays: intakeEnv.CURE_DEADLINE_DAYS,
    noShowGraceMinutes: intakeEnv.NO_SHOW_GRACE_MINUTES,
    checkInEarlyMinutes: intakeEnv.CHECK_IN_EARLY_MINUTES,
    appointmentsPerWindow: intakeEnv.APPOINTMENTS_PER_WINDOW,
  },
};

/** The ports only some handlers add to `intakePorts`. */
export interface IntakeClientPorts {
  /** The materials bucket (adapters/file-storage.ts `materialsStorage`). */
  storage: FileStorage;
  /** The center's approval seal on receipts and notices (art. 29): KMS in AWS, a P-256 or SM2 pair locally (SEAL_ALGORITHM). */
  seal: SealPort;
}

/** Every port a use case may ask for; a handler's own set says which it has (the compiler checks each call). */
export type IntakePorts = typeof intakePorts & IntakeClientPorts;
