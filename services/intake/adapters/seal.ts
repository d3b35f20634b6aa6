import { signingPortFrom } from "#shared/signing/signing-port.ts";

/**
 * The center's approval seal on receipts and notices (art. 29): KMS in AWS, an Ed25519 pair locally. Built only by the
 * handlers that seal or verify a document (ports.ts says why).
 */
export const intakeSeal = () => signingPortFrom(process.env, "intake", "seal");
