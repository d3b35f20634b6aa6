import { brotliDecompressSync } from "node:zlib";
import { platformHttp } from "../chain.ts";
import { platformRoutes } from "../platform.ts";
import { bytes, text } from "../responses.ts";
import { openApiBrotliBase64 } from "./openapi-document.ts";

/**
 * Serves the document `npm run docs` generates from the manifest (a test keeps it current), kept brotli-compressed in
 * the bundle (shared/http/handlers/openapi-document.ts; ≈ 30 KiB instead of ≈ 500): as it is to a caller that accepts
 * br, else decompressed once, when first asked for, and answered plain.
 */
const compressed = Buffer.from(openApiBrotliBase64, "base64");
let plain: string | undefined;

const HEADERS = {
  "content-type": "application/json",
  "cache-control": "public, max-age=300",
  vary: "accept-encoding",
};

/** `br` among the accepted codings, not refused with q=0. */
export function acceptsBrotli(acceptEncoding: string | undefined): boolean {
  return (acceptEncoding ?? "").split(",").some((part) => {
    const [coding, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (coding !== "br" && coding !== "*") return false;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

export const handler = platformHttp(platformRoutes.openapi, async ({ request }) => {
  if (acceptsBrotli(request.headers["accept-encoding"]))
    return bytes(compressed, { ...HEADERS, "content-encoding": "br" });
  plain ??= brotliDecompressSync(compressed).toString("utf8");
  return { ...text(plain, "application/json"), headers: HEADERS };
});
