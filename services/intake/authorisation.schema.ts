import * as z from "zod";
import { dateTimeString, pageOf } from "#shared/http/schemas.ts";
import { applicantViewSchema } from "./application.schema.ts";
import { AUTHORISATION_DOCUMENTS } from "./domain/authorisation.ts";

/** The answers about authorisations to act for another (代办; issues 15, 16), described once. */
const datetime = dateTimeString;
const date = z.string().meta({ format: "date" });

export const authorisationSchema = z
  .object({
    id: z.string(),
    centerId: z.string(),
    grantor: applicantViewSchema,
    agent: z.object({ name: z.string(), idNumber: z.string() }),
    itemIds: z.array(z.string()).optional().meta({ description: "Absent: every item" }),
    validFrom: date,
    validUntil: date,
    document: z.object({ kind: z.enum(AUTHORISATION_DOCUMENTS), reference: z.string() }),
    recordedBy: z.string(),
    recordedAt: datetime,
    revokedAt: datetime.optional(),
    revokedBy: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: "Authorisation" });

export const authorisationPageSchema = pageOf(authorisationSchema, "AuthorisationPage");
