import { createHash } from "node:crypto";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { S3_CREDENTIALS } from "#infra/local/s3-local.ts";
import { bucketEnv } from "#shared/manifest/naming.ts";

/**
 * The local runtime's S3 (issue 19) through what a handler has: the materials bucket's name, the emulator's endpoint
 * and key pair as the runtime sets them for the functions, and the handlers' own client (`s3()`), presigning as the
 * intake functions do. The browser's side is `fetch`, with the console's origin.
 */
const stack = inject("stack");
const bucket = stack.buckets["intake-materials"]!;
const origin = new URL(stack.url).origin;
const env = {
  AWS_REGION: "local",
  AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
  AWS_ENDPOINT_URL_S3: stack.endpoints.s3,
  [bucketEnv("intake", "materials")]: bucket,
};
const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
let s3: S3Client;

beforeAll(async () => {
  Object.assign(process.env, env);
  // The client reads the endpoint and the credentials when it is made: after the environment is in place.
  s3 = (await import("#shared/aws/clients.ts")).s3();
});
afterAll(() => {
  s3.destroy();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const file = new TextEncoder().encode("%PDF-1.7 营业执照副本（测试）");
const sha256 = createHash("sha256").update(file).digest("base64");
const keyOf = (name: string) => `local-s3-test/${Date.now()}-${Math.random().toString(36).slice(2)}/${name}`;

/** An upload URL as the intake functions presign one: type, length and SHA-256 bound to the URL. */
function presignUpload(key: string, expires: { expiresIn: number; signingDate?: Date } = { expiresIn: 300 }) {
  return getSignedUrl(
    s3,
    new PutObjectCommand({
      Bucket: process.env[bucketEnv("intake", "materials")],
      Key: key,
      ContentType: "application/pdf",
      ContentLength: file.byteLength,
      ChecksumSHA256: sha256,
    }),
    { ...expires, signableHeaders: new Set(["content-type"]) },
  );
}

const upload = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "PUT",
    body: file,
    headers: { "content-type": "application/pdf", "x-amz-checksum-sha256": sha256, origin, ...headers },
  });

describe("the local S3 emulator, as the functions reach it", () => {
  it("has the manifest's bucket under its local name", () => {
    expect(bucket).toBe("govservice-intake-materials");
    expect(stack.endpoints.s3).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("takes a browser's upload through a presigned PUT and keeps its type and length", async () => {
    // Arrange
    const key = keyOf("license.pdf");
    const url = await presignUpload(key);
    // Act
    const res = await upload(url);
    // Assert
    expect(res.status, await res.text()).toBe(200);
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
    // The console's page may read the ETag: CORS exposes it to its origin.
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    expect(res.headers.get("access-control-expose-headers")).toContain("ETag");
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentType).toBe("application/pdf");
    expect(head.ContentLength).toBe(file.byteLength);
  });

  it("hands the bytes back through a presigned GET", async () => {
    // Arrange
    const key = keyOf("license.pdf");
    expect((await upload(await presignUpload(key))).status).toBe(200);
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 60 });
    // Act
    const res = await fetch(url, { headers: { origin } });
    // Assert
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(file);
  });

  it("serves a download under the file's UTF-8 name (filename*=UTF-8''…), as S3 signs and serves it", async () => {
    // Arrange
    const key = keyOf("license.pdf");
    expect((await upload(await presignUpload(key))).status).toBe(200);
    const disposition = `inline; filename*=UTF-8''${encodeURIComponent("营业执照（副本）.pdf")}`;
    const command = new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentType: "application/pdf",
      ResponseContentDisposition: disposition,
    });
    // Act
    const res = await fetch(await getSignedUrl(s3, command, { expiresIn: 60 }));
    // Assert
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(disposition);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(file);
  });

  it("refuses a request signed with another key than the emulator's", async () => {
    const stranger = new S3Client({
      endpoint: stack.endpoints.s3,
      region: "local",
      forcePathStyle: true,
      credentials: { accessKeyId: S3_CREDENTIALS.accessKeyId, secretAccessKey: "not-the-emulator's" },
    });
    try {
      const error = await stranger
        .send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf("license.pdf") }))
        .catch((e: { $metadata?: { httpStatusCode?: number } }) => e);
      expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(403);
    } finally {
      stranger.destroy();
    }
  });

  it("refuses an upload of another type than the URL was signed for", async () => {
    const res = await upload(await presignUpload(keyOf("license.pdf")), { "content-type": "image/png" });
    expect(res.status).toBe(403);
  });

  it("refuses an expired URL with 403", async () => {
    // Signed two minutes ago for one minute: expired now, without waiting.
    const signingDate = new Date(Date.now() - 120_000);
    const put = await upload(await presignUpload(keyOf("late.pdf"), { expiresIn: 60, signingDate }));
    expect(put.status).toBe(403);
    expect(await put.text()).toContain("AccessDenied");
    const key = keyOf("license.pdf");
    expect((await upload(await presignUpload(key))).status).toBe(200);
    const get = await fetch(
      await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
        expiresIn: 60,
        signingDate,
      }),
    );
    expect(get.status).toBe(403);
  });

  it("allows the console's origin a preflighted upload with the headers it signs, and no other origin", async () => {
    const preflight = (from: string) =>
      fetch(`${stack.endpoints.s3}/${bucket}/${keyOf("license.pdf")}`, {
        method: "OPTIONS",
        headers: {
          origin: from,
          "access-control-request-method": "PUT",
          "access-control-request-headers": "content-type,x-amz-checksum-sha256,x-amz-tagging",
        },
      });
    const allowed = await preflight(origin);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-methods")).toContain("PUT");
    expect(allowed.headers.get("access-control-allow-headers")).toBe(
      "content-type, x-amz-checksum-sha256, x-amz-tagging",
    );
    expect((await preflight("http://127.0.0.1:1")).status).toBe(403);
  });
});
