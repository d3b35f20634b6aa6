import { signingPortFrom } from "#shared/signing/signing-port.ts";

/**
 * The department's approval seal on review documents (art. 29): KMS in AWS, an Ed25519 pair locally. Built only by the
 * handlers that seal or verify a document (ports.ts says why).
 */
export const reviewSeal = () => signingPortFrom(process.env, "review", "seal");
