import { signingPortFrom } from "#shared/signing/signing-port.ts";

/**
 * The signer of result links (KMS in AWS, a key pair locally): only the handlers that issue and open links load it. It
 * signs with the deployment's SEAL_ALGORITHM like the seals (one key spec for every signing key): under SM2DSA a
 * link's signature is SM2 with SM3 over the SHA-256 of its payload, which only this service ever checks.
 */
export const resultLinks = signingPortFrom(process.env, "delivery", "links");
