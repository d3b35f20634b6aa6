import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/**
 * Signature Version 4 as S3 checks it, for the local S3 emulator. The emulator's own check builds its canonical query
 * with `encodeURIComponent`, which leaves `!'()*` as they are where SigV4 (and the SDK) percent-encode them, so every
 * URL whose query holds one — a download saving the file under its UTF-8 name, `filename*=UTF-8''…` — fails there
 * though S3 takes it; and it drops the trailing slash of a bucket-level path. This check runs first and is the one
 * that decides; the emulator's is told to let mismatches through.
 */
export type SignatureCheck =
  | { ok: true; signed: boolean }
  | { ok: false; code: "AccessDenied" | "InvalidAccessKeyId" | "SignatureDoesNotMatch"; message: string };

export interface SignedRequest {
  method: string;
  /** As received: path and query still percent-encoded. */
  url: string;
  headers: IncomingHttpHeaders;
}

const ALGORITHM = "AWS4-HMAC-SHA256";

/** RFC 3986 unreserved characters stay, everything else is percent-encoded: SigV4's URI encoding. */
const uriEncode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** `20261203T232112Z` → epoch milliseconds. */
const amzDate = (s: string) =>
  Date.parse(s.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));

/**
 * Check a request signed in its query (a presigned URL) or in its Authorization header against the one key pair;
 * an unsigned request is left to the emulator (which, unlike S3, serves it).
 */
export function checkSignature(
  req: SignedRequest,
  credentials: { accessKeyId: string; secretAccessKey: string },
  now = Date.now(),
): SignatureCheck {
  const queryStart = req.url.indexOf("?");
  const path = queryStart < 0 ? req.url : req.url.slice(0, queryStart);
  const params = (queryStart < 0 ? "" : req.url.slice(queryStart + 1))
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf("=");
      return eq < 0 ? [decode(pair), ""] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))];
    }) as [string, string][];
  const query = new Map(params);
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(",") : value;
  };

  const presigned = query.has("X-Amz-Algorithm");
  const authorization = header("authorization");
  if (!presigned && !authorization?.startsWith(`${ALGORITHM} `)) return { ok: true, signed: false };
  // `Credential=…, SignedHeaders=…, Signature=…` after the algorithm, for a request signed in its header.
  const fields = new Map(
    (presigned ? "" : authorization!.slice(ALGORITHM.length + 1)).split(",").map((part) => {
      const [name = "", value = ""] = part.trim().split("=");
      return [name, value];
    }),
  );
  const from = (queryName: string, headerField: string) =>
    (presigned ? query.get(queryName) : fields.get(headerField)) ?? "";
  const credential = from("X-Amz-Credential", "Credential");
  const signedHeaders = from("X-Amz-SignedHeaders", "SignedHeaders");
  const signature = from("X-Amz-Signature", "Signature");
  const date = (presigned ? query.get("X-Amz-Date") : header("x-amz-date")) ?? "";
  const payload =
    (presigned ? query.get("X-Amz-Content-Sha256") : header("x-amz-content-sha256")) ?? "UNSIGNED-PAYLOAD";

  const [accessKeyId, ...scope] = credential.split("/");
  if (accessKeyId !== credentials.accessKeyId) {
    return {
      ok: false,
      code: "InvalidAccessKeyId",
      message: "The AWS Access Key Id you provided does not exist in our records.",
    };
  }
  if (presigned && !(now <= amzDate(date) + Number(query.get("X-Amz-Expires")) * 1000)) {
    return { ok: false, code: "AccessDenied", message: "Request has expired" };
  }

  // Sorted by encoded name, then value: not as `name=value` strings, where `a-b=` would come before `a=`.
  const canonicalQuery = params
    .filter(([k]) => !(presigned && k === "X-Amz-Signature"))
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([k1, v1], [k2, v2]) => (k1 === k2 ? (v1 < v2 ? -1 : 1) : k1 < k2 ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonicalHeaders = signedHeaders
    .split(";")
    .map((name) => `${name}:${(header(name) ?? "").trim().replace(/\s+/g, " ")}\n`)
    .join("");
  const canonicalRequest = [
    req.method,
    path
      .split("/")
      .map((segment) => uriEncode(decode(segment)))
      .join("/"),
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    payload,
  ].join("\n");
  const stringToSign = [
    ALGORITHM,
    date,
    scope.join("/"),
    createHash("sha256").update(canonicalRequest, "utf8").digest("hex"),
  ].join("\n");
  const key = scope.reduce<string | Buffer>((k, part) => hmac(k, part), `AWS4${credentials.secretAccessKey}`);
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? { ok: true, signed: true }
    : {
        ok: false,
        code: "SignatureDoesNotMatch",
        message:
          "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      };
}
