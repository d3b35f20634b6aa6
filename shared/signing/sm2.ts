import { createHash } from "node:crypto";
import { isDerEcdsaP256Signature } from "./seal-format.ts";

/**
 * SM2 signatures with SM3 (GB/T 32918.2, GB/T 32905) for seals in the national algorithm (issue 23; electronic seals
 * under GB/T 38540), computed in process where no KMS signs: the local runtime and tests.
 *
 * Why a library and not node:crypto — checked against the `openssl` CLI (3.0) and sm-crypto-v2, each way:
 * - `openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678` and sm-crypto-v2 (`hash: true`, the
 *   same id) verify each other's signatures: both are SM2DSA with e = SM3(Z_A ‖ M), Z_A over that id.
 * - node:crypto has no way to set the distinguishing id: `crypto.sign("sm3", m, key)` with a key read from an SM2 PEM
 *   signs SM2DSA with an EMPTY id (openssl verifies it only without `distid`, sm-crypto-v2 only with `userId: ""`),
 *   and with a key from `generateKeyPairSync("ec", { namedCurve: "SM2" })` it signs plain ECDSA with SM3, no Z_A at
 *   all. Neither is what KMS signs nor what a verifier expects by default; node 20 even aborts the process exporting
 *   such a key as `sec1`. So node:crypto only generates and decodes the keys (PEM ⇄ DER) and hashes SM3 here.
 * The id is GM/T 0009's default, the one KMS uses for a raw message (its own id cannot be chosen there).
 */
export const SM2_DISTINGUISHING_ID = "1234567812345678";

/** The order n of the SM2 curve's base point (GB/T 32918.5): a signature's r and s lie in [1, n − 1]. */
const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

/** Lower-case hex SM3 of the UTF-8 bytes of `text` (GB/T 32905). */
export function sm3Hex(text: string): string {
  return createHash("sm3").update(text, "utf8").digest("hex");
}

/** sm-crypto-v2, loaded at the first SM2 signature: functions that never sign with SM2 (KMS in AWS) never pay for it. */
const library = () => import("sm-crypto-v2").then((m) => m.sm2);

/**
 * An SM2 signature (DER `SEQUENCE { r, s }`, as KMS returns) by the private key `d` (hex) over `message`, with the
 * default distinguishing id. `publicKey` is the uncompressed point (hex, `04…`), which Z_A covers.
 */
export async function sm2Sign(message: Uint8Array, d: string, publicKey: string): Promise<Buffer> {
  const sm2 = await library();
  const der = sm2.doSignature(message, d, {
    der: true,
    hash: true,
    publicKey,
    userId: SM2_DISTINGUISHING_ID,
  });
  return Buffer.from(der, "hex");
}

/**
 * Whether `der` is an SM2 signature over `message` by `publicKey` (uncompressed point, hex), with the default id.
 * r and s are checked to lie in [1, n − 1] first (GB/T 32918.2 §7.1 B1–B2), which the library leaves out.
 */
export async function sm2Verify(message: Uint8Array, der: Uint8Array, publicKey: string): Promise<boolean> {
  const rs = isDerEcdsaP256Signature(der) ? derIntegers(der) : undefined;
  if (!rs || rs.some((v) => v < 1n || v >= SM2_N)) return false;
  const sm2 = await library();
  const raw = rs.map((v) => v.toString(16).padStart(64, "0")).join("");
  try {
    return sm2.doVerifySignature(message, raw, publicKey, { hash: true, userId: SM2_DISTINGUISHING_ID });
  } catch {
    return false;
  }
}

/** r and s of a well-formed DER `SEQUENCE { INTEGER r, INTEGER s }` (`isDerEcdsaP256Signature`). */
function derIntegers(der: Uint8Array): [bigint, bigint] | undefined {
  const values: bigint[] = [];
  let at = 2;
  while (at < der.length && values.length < 2) {
    const length = der[at + 1]!;
    values.push(BigInt(`0x${Buffer.from(der.subarray(at + 2, at + 2 + length)).toString("hex") || "0"}`));
    at += 2 + length;
  }
  return values.length === 2 ? [values[0]!, values[1]!] : undefined;
}
