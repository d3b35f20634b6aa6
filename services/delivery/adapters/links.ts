import { signingPortFrom } from "#shared/signing/signing-port.ts";

/** The signer of result links (KMS in AWS): only the handlers that issue and open links load it. */
export const resultLinks = signingPortFrom(process.env, "delivery", "links");
