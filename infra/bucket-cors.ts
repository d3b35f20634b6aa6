/**
 * What a browser may do with a bucket declared `browserAccess` (presigned uploads and downloads), wherever it runs: in
 * AWS (infra/aws/constructs/service-construct.ts) and in the local S3 emulator (infra/local/s3-local.ts). One rule for
 * both, so an upload that works under `npm start` is not refused by a stricter rule in AWS. Only the origins differ:
 * the console's distribution there, the local API's origin here.
 */
export const BROWSER_CORS = {
  /** Upload (PUT), download (GET) and the browser's own size and type check before a download (HEAD). */
  methods: ["GET", "HEAD", "PUT"],
  /**
   * The headers a presigned PUT makes the browser send: the type and the SHA-256 it was signed with (S3 checks the
   * bytes against it), the tags when the URL leaves them to a header (`attached=false`, so an upload nothing refers
   * to expires), and the SDK's checksum algorithm when a URL is presigned with `ChecksumAlgorithm` instead.
   */
  headers: ["content-type", "x-amz-checksum-sha256", "x-amz-sdk-checksum-algorithm", "x-amz-tagging"],
  /** The upload's ETag, which a page may show or send back to tell which upload it means. */
  exposed: ["ETag"],
} as const;

/** The rule as S3's CORSConfiguration XML, for the emulator's bucket configuration (its only way in). */
export function corsConfigurationXml(origins: readonly string[]): string {
  const element = (name: string, values: readonly string[]) =>
    values.map((v) => `<${name}>${v}</${name}>`).join("");
  return [
    '<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><CORSRule>',
    element("AllowedOrigin", origins),
    element("AllowedMethod", BROWSER_CORS.methods),
    element("AllowedHeader", BROWSER_CORS.headers),
    element("ExposeHeader", BROWSER_CORS.exposed),
    "</CORSRule></CORSConfiguration>",
  ].join("");
}
