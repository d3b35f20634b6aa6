import * as z from "zod";
import { dateTimeString } from "../http/schemas.ts";

/** The answers about sealed documents, shared by every service that seals (intake, review). */
const datetime = dateTimeString;

export const sealRecordSchema = z
  .object({
    sealId: z.string(),
    sealName: z.string(),
    sha256: z.string(),
    keyId: z.string(),
    algorithm: z.string(),
    signature: z.string(),
    sealedAt: datetime,
  })
  .meta({ id: "SealRecord" });

/** The query of a verification: optionally the SHA-256 of the copy the caller holds. */
export const verificationQuerySchema = z.object({
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "a SHA-256 in hex")
    .optional(),
});

export const documentVerificationSchema = z
  .object({
    documentId: z.string(),
    number: z.string(),
    title: z.string(),
    intact: z.boolean(),
    signatureValid: z.boolean(),
    valid: z.boolean(),
    presentedCopyMatches: z.boolean().optional(),
    sha256: z.string(),
    sealedBy: z.object({
      sealId: z.string(),
      name: z.string(),
      centerId: z.string(),
      /** The issuing department (review's documents); a center's own documents (intake's) have none. */
      departmentId: z.string().optional(),
    }),
    sealedAt: datetime,
    algorithm: z.string(),
    keyId: z.string(),
  })
  .meta({ id: "DocumentVerification" });
