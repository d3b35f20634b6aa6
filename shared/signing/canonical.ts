import { createHash } from "node:crypto";

/**
 * Sealed documents (issue 5; 行政许可法 art. 39, 电子签名法 art. 13): a document is sealed by signing a digest of its
 * canonical JSON — the SHA-256, or the SM3 where seals are SM2 (issue 23; sealed-document.ts). Anyone holding the
 * document, the seal and the public key can tell whether it is intact — these functions are the part of that check
 * that needs no key.
 */

/**
 * Deterministic JSON, in the manner of the JSON Canonicalization Scheme (RFC 8785): object members sorted by their
 * names' UTF-16 code units, recursively; no whitespace; arrays in order; strings and numbers serialized as ECMAScript's
 * JSON.stringify does (which is what RFC 8785 prescribes: `1e+30`, `4.5`, `0` for -0). For JSON data the output is the
 * RFC 8785 form. It differs in what it accepts, since it reads JavaScript values rather than JSON text:
 * - members whose value is `undefined` (or a function or symbol) are dropped, and `toJSON()` is honoured (a Date
 *   becomes its ISO string), as JSON.stringify does; an `undefined` array element becomes `null`, as there;
 * - it throws for a value that is no JSON at all (`undefined` at the top), and where JSON.stringify would silently change the data: NaN and ±Infinity (JSON.stringify writes `null`),
 *   Map and Set (`{}`), bigint and cycles (JSON.stringify throws too), and strings with a lone surrogate (RFC 8785
 *   requires I-JSON, which has none).
 */
export function canonicalJson(value: unknown): string {
  const json = serialize(value, new Set(), "$");
  if (json === undefined) throw new TypeError(`canonicalJson: ${typeof value} is no JSON value`);
  return json;
}

/** Lower-case hex SHA-256 of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * What an ECDSA or Ed25519 seal (and a result link) signs, from a document: its canonical form, the SHA-256 of that
 * (hex, for the seal record) and the same 32 bytes as a Buffer (for `SealPort.sign` / `verify`).
 */
export function documentDigest(document: unknown): { canonical: string; sha256: string; digest: Buffer } {
  const canonical = canonicalJson(document);
  const sha256 = sha256Hex(canonical);
  return { canonical, sha256, digest: Buffer.from(sha256, "hex") };
}

/** A lone (unpaired) UTF-16 surrogate. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `undefined` means "no value here": the member is dropped (or, in an array, written as null). */
function serialize(value: unknown, seen: Set<object>, path: string): string | undefined {
  if (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  ) {
    value = (value as { toJSON: (key: string) => unknown }).toJSON("");
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
  switch (typeof value) {
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value))
        throw new TypeError(`canonicalJson: ${path} is ${value}, which JSON cannot hold`);
      return JSON.stringify(value);
    case "bigint":
      throw new TypeError(`canonicalJson: ${path} is a bigint, which JSON cannot hold`);
    case "string":
      if (LONE_SURROGATE.test(value)) throw new TypeError(`canonicalJson: ${path} has a lone surrogate`);
      return JSON.stringify(value);
  }
  if (value === null) return "null";
  const object = value as object;
  if (object instanceof Map || object instanceof Set) {
    throw new TypeError(`canonicalJson: ${path} is a ${object.constructor.name}, which JSON cannot hold`);
  }
  if (seen.has(object)) throw new TypeError(`canonicalJson: ${path} refers back to itself`);
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      return `[${object.map((item, i) => serialize(item, seen, `${path}[${i}]`) ?? "null").join(",")}]`;
    }
    const members: string[] = [];
    // The default sort compares UTF-16 code units, which is RFC 8785's order (§3.2.3).
    for (const key of Object.keys(object).sort()) {
      const member = serialize((object as Record<string, unknown>)[key], seen, `${path}.${key}`);
      if (member !== undefined) members.push(`${serialize(key, seen, path)}:${member}`);
    }
    return `{${members.join(",")}}`;
  } finally {
    seen.delete(object);
  }
}
