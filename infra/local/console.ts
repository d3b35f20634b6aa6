import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import {
  CONSOLE_ASSETS,
  CONSOLE_CACHE_CONTROL,
  CONSOLE_PREFIX,
  consoleContentSecurityPolicy,
  PORTAL_PAGE,
  PORTAL_PREFIX,
} from "../console-policy.ts";

/**
 * The staff console at /console/ on the API's origin (issue 18): the files `vite build` wrote to web/dist, with the
 * single-page fallback — a path that names no file gets index.html, and the console's router takes it from there. The
 * same security headers CloudFront sets in AWS: a content security policy (same origin only), no framing, no sniffing.
 */
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
};

/**
 * The console's security headers, as CloudFront sets them in AWS.
 * @param connect origins it calls besides its own: locally the S3 emulator, where the browser PUTs an applicant's
 *   scanned material to a presigned URL (issue 19).
 */
export function consoleHeaders(connect: readonly string[] = []): Record<string, string> {
  return {
    "content-security-policy": consoleContentSecurityPolicy(connect),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };
}

export { CONSOLE_PREFIX, PORTAL_PREFIX };

/**
 * Serve a /console/… path from `root` (web/dist): the file, or index.html for the console's own routes; and every
 * /portal/… path with the portal's page.
 */
export async function serveConsole(
  path: string,
  site: { root: string; headers: Record<string, string> },
  res: ServerResponse,
): Promise<void> {
  const { root, headers } = site;
  // The portal's paths are all its page (issue 19): it has no files of its own, its assets are the console's.
  const portal = path === PORTAL_PREFIX || path.startsWith(`${PORTAL_PREFIX}/`);
  const relative = portal
    ? PORTAL_PAGE
    : decodeURIComponent(path.slice(CONSOLE_PREFIX.length)).replace(/^\/+/, "");
  const file = normalize(join(root, relative));
  // Nothing outside the build folder, whatever the path says.
  const inside = file === root || file.startsWith(root + sep);
  const found = inside && relative !== "" ? await isFile(file) : false;
  const target = found ? file : join(root, "index.html");
  if (!(await isFile(target))) {
    res.writeHead(503, { "content-type": "text/plain; charset=utf-8", ...headers });
    res.end("工作台尚未构建：npm run build:web");
    return;
  }
  const hashed = found && relative.startsWith(CONSOLE_ASSETS);
  res.writeHead(200, {
    "content-type": TYPES[extname(target)] ?? "application/octet-stream",
    "cache-control": CONSOLE_CACHE_CONTROL[hashed ? "hashed" : "entry"],
    ...headers,
  });
  createReadStream(target).pipe(res);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

const WEB = new URL("../../web/", import.meta.url).pathname;
const DIST = join(WEB, "dist");

/** The newest modification time under `dir` (files only), 0 for nothing. */
async function newest(dir: string): Promise<number> {
  let latest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const s = await stat(join(entry.parentPath, entry.name));
    latest = Math.max(latest, s.mtimeMs);
  }
  return latest;
}

/**
 * The console's build folder, built first when its sources changed since the last build (about 2 s with Vite 8 on this
 * machine kind, so `npm start` stays quick and needs no extra command). A failed build leaves the API running: the
 * console answers 503 saying how to build it.
 */
export async function ensureConsoleBuilt(log: (line: string) => void = console.log): Promise<string> {
  const built = await stat(join(DIST, "index.html")).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const sources = Math.max(
    await newest(join(WEB, "src")),
    (await stat(join(WEB, "index.html"))).mtimeMs,
    (await stat(join(WEB, PORTAL_PAGE))).mtimeMs,
    (await stat(join(WEB, "vite.config.ts"))).mtimeMs,
  );
  if (built > sources) return DIST;
  const started = Date.now();
  try {
    const { build } = await import("vite");
    await build({ configFile: join(WEB, "vite.config.ts"), logLevel: "warn" });
    log(`[local] built the staff console in ${Date.now() - started} ms`);
  } catch (error) {
    log(`[local] the staff console did not build: ${(error as Error).message}`);
  }
  return DIST;
}
