import { signingPortFrom } from "#shared/signing/signing-port.ts";

/**
 * The center's approval seal on receipts and notices (art. 29): KMS in AWS, a key pair locally, signing with
 * SEAL_ALGORITHM — ECDSA P-256 or SM2 with SM3 (issue 23). Built only by the handlers that seal or verify a document
 * (ports.ts says why).
 */
export const intakeSeal = () => signingPortFrom(process.env, "intake", "seal");
