import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import { checkSignature, type SignedRequest } from "./s3-signature.ts";

const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
const ENDPOINT = "http://127.0.0.1:4568";
const BUCKET = "govservice-intake-materials";
/** What the handlers' client is locally (shared/aws/clients.ts), recording what it would send instead of sending it. */
function client(key = credentials) {
  const sent: SignedRequest[] = [];
  const s3 = new S3Client({
    endpoint: ENDPOINT,
    region: "local",
    forcePathStyle: true,
    credentials: key,
    maxAttempts: 1,
    requestChecksumCalculation: "WHEN_REQUIRED",
    requestHandler: {
      handle: async (req: {
        method: string;
        path: string;
        query?: Record<string, string>;
        headers: Record<string, string>;
      }) => {
        const query = Object.entries(req.query ?? {})
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
          .join("&");
        sent.push({
          method: req.method,
          url: query ? `${req.path}?${query}` : req.path,
          headers: req.headers,
        });
        throw new Error("recorded, not sent");
      },
    },
  });
  return { s3, sent };
}

/** A presigned URL as the browser sends it: path and query as written, host (and any unhoisted headers) alongside. */
const asReceived = (url: string, method: string, headers: Record<string, string> = {}): SignedRequest => {
  const u = new URL(url);
  return { method, url: `${u.pathname}${u.search}`, headers: { host: u.host, ...headers } };
};

describe("the local S3 signature check", () => {
  it("takes a presigned download saving the file under its UTF-8 name (filename*=UTF-8''…)", async () => {
    const download = new GetObjectCommand({
      Bucket: BUCKET,
      Key: "apps/app_1/申请表 (1).pdf",
      ResponseContentDisposition: `inline; filename*=UTF-8''${encodeURIComponent("申请表.pdf")}`,
    });
    const url = await getSignedUrl(client().s3, download, { expiresIn: 60 });
    expect(checkSignature(asReceived(url, "GET"), credentials)).toEqual({ ok: true, signed: true });
  });

  it("takes a presigned upload with its signed type and unhoisted headers, and refuses another type", async () => {
    const { s3 } = client();
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "k.pdf",
        ContentType: "application/pdf",
        ContentLength: 12,
        ChecksumSHA256: "mSBnG4SOlXh3n2yRvyuoLt8kVtN38JHC0k4b3R/UHVk=",
        Tagging: "attached=false",
      }),
      {
        expiresIn: 60,
        signableHeaders: new Set(["content-type", "x-amz-tagging"]),
        unhoistableHeaders: new Set(["x-amz-checksum-sha256", "x-amz-tagging"]),
      },
    );
    const headers = {
      "content-type": "application/pdf",
      "content-length": "12",
      "x-amz-checksum-sha256": "mSBnG4SOlXh3n2yRvyuoLt8kVtN38JHC0k4b3R/UHVk=",
      "x-amz-tagging": "attached=false",
    };
    expect(checkSignature(asReceived(url, "PUT", headers), credentials).ok).toBe(true);
    expect(
      checkSignature(asReceived(url, "PUT", { ...headers, "content-type": "text/html" }), credentials),
    ).toMatchObject({ ok: false, code: "SignatureDoesNotMatch" });
    expect(checkSignature(asReceived(url, "GET", headers), credentials)).toMatchObject({ ok: false });
  });

  it("refuses an expired URL, and one whose query was changed", async () => {
    const { s3 } = client();
    const command = new GetObjectCommand({ Bucket: "b", Key: "k" });
    const expired = await getSignedUrl(s3, command, {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 61_000),
    });
    expect(checkSignature(asReceived(expired, "GET"), credentials)).toMatchObject({
      ok: false,
      code: "AccessDenied",
    });
    const url = await getSignedUrl(s3, command, { expiresIn: 60 });
    expect(
      checkSignature(asReceived(url.replace("X-Amz-Expires=60", "X-Amz-Expires=600"), "GET"), credentials),
    ).toMatchObject({ ok: false, code: "SignatureDoesNotMatch" });
  });

  it("checks requests the SDK signs in their header, a bucket-level one included, and refuses another key", async () => {
    const { s3, sent } = client();
    await s3.send(new GetObjectCommand({ Bucket: "b", Key: "a/b (c).pdf" })).catch(() => undefined);
    await s3.send(new ListObjectsV2Command({ Bucket: "b", Prefix: "a/" })).catch(() => undefined);
    expect(sent).toHaveLength(2);
    for (const req of sent)
      expect(checkSignature(req, credentials), req.url).toEqual({ ok: true, signed: true });
    expect(checkSignature(sent[0]!, { ...credentials, secretAccessKey: "other" })).toMatchObject({
      ok: false,
      code: "SignatureDoesNotMatch",
    });
    const stranger = client({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "x" });
    await stranger.s3.send(new GetObjectCommand({ Bucket: "b", Key: "k" })).catch(() => undefined);
    expect(checkSignature(stranger.sent[0]!, credentials)).toMatchObject({ code: "InvalidAccessKeyId" });
  });

  it("leaves an unsigned request to the emulator", () => {
    expect(checkSignature({ method: "GET", url: "/b/k", headers: { host: "x" } }, credentials)).toEqual({
      ok: true,
      signed: false,
    });
  });
});
