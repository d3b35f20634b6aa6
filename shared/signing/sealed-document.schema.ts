import * as z from "zod";
import { dateTimeString } from "../http/schemas.ts";

/** The answers about sealed documents, shared by every service that seals (intake, review). */
const datetime = dateTimeString;

/** Which algorithm signed a seal — the public verification says it (issue 23). */
const sealAlgorithm = z.enum(["ECDSA_SHA_256", "SM2DSA", "Ed25519"]).meta({
  description:
    "ECDSA_SHA_256: ECDSA on P-256 over the SHA-256 of the canonical document; SM2DSA: SM2 with SM3 (GB/T 32918, " +
    "the national algorithm for electronic seals, GB/T 38540) over its SM3, with the default distinguishing ID " +
    "1234567812345678; Ed25519: a local test runtime's seal",
});

const sm3 = z
  .string()
  .meta({ description: "SM2DSA seals: the SM3 of the canonical document (hex), which the signature covers" });

export const sealRecordSchema = z
  .object({
    sealId: z.string(),
    sealName: z.string(),
    sha256: z.string(),
    sm3: sm3.optional(),
    keyId: z.string(),
    algorithm: sealAlgorithm,
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
    sm3: sm3.optional(),
    sealedBy: z.object({
      sealId: z.string(),
      name: z.string(),
      centerId: z.string(),
      /** The issuing department (review's documents); a center's own documents (intake's) have none. */
      departmentId: z.string().optional(),
    }),
    sealedAt: datetime,
    algorithm: sealAlgorithm,
    keyId: z.string(),
  })
  .meta({ id: "DocumentVerification" });
