/**
 * How the staff console (web/, issue 18) is served, wherever it is: by `npm start` (infra/local/console.ts) and by
 * CloudFront (infra/aws/constructs/console-hosting.ts). Both read these values, so a page that works locally is not
 * refused by a stricter policy in AWS, and a header changed for one is changed for both.
 */

/** The path the console lives under: Vite's `base` (web/vite.config.ts) without its trailing slash. */
export const CONSOLE_PREFIX = "/console";

/**
 * The applicants' portal (办事大厅, issue 19): its own path, the same build — its page (portal.html) sits beside the
 * console's in the console's folder, and loads the same assets from there.
 */
export const PORTAL_PREFIX = "/portal";
export const PORTAL_PAGE = "portal.html";

/** Vite names what it writes to assets/ by content, so those files never change; everything else may. */
export const CONSOLE_ASSETS = "assets/";
export const CONSOLE_CACHE_CONTROL = {
  hashed: "public, max-age=31536000, immutable",
  entry: "no-cache",
} as const;

/**
 * The console's content security policy. Scripts only from its own origin; styles also inline, because Element Plus
 * positions popovers and dialogs with inline styles; no framing by anyone (clickjacking a decision button).
 * @param connect origins the console calls besides its own: in AWS the identity provider's (OIDC discovery, keys and
 *   the token endpoint, which oidc-client-ts calls with fetch). The API is on the console's own origin everywhere.
 */
export function consoleContentSecurityPolicy(connect: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...connect].join(" "),
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}
