import { createHash } from "node:crypto";
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { s3 } from "#shared/aws/clients.ts";
import { bucketEnv } from "#shared/manifest/naming.ts";
import {
  DOWNLOAD_URL_SECONDS,
  UPLOAD_URL_SECONDS,
  type MaterialFile,
  type ObservedUpload,
} from "../domain/files.ts";
import { intakeEnv } from "./ports.ts";

/** Uploads start tagged as unattached: the bucket's lifecycle rule deletes what is never attached (manifest). */
const UNATTACHED = "attached=false";

const isMissing = (error: unknown) =>
  error instanceof Error &&
  (error.name === "NotFound" ||
    error.name === "NoSuchKey" ||
    // In AWS a missing key answers 403 to a role without s3:ListBucket (deliberately not granted: no listing keys)
    [403, 404].includes(
      (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0,
    ));

/**
 * The materials bucket (S3 in AWS, the local S3 server under `npm start`). The browser moves the bytes, never a
 * function: uploads and downloads go through short-lived presigned URLs signed by the function's own role.
 */
export function fileStorage(bucket: string) {
  return {
    /**
     * A PUT URL bound to the declared file: its type, length and SHA-256 (and the unattached tag) are signed, so S3
     * refuses other bytes; the check after upload judges them again all the same (domain/files.ts).
     */
    async presignUpload(file: MaterialFile) {
      const command = new PutObjectCommand({
        Bucket: bucket,
        Key: file.key,
        ContentType: file.contentType,
        ContentLength: file.size,
        ChecksumSHA256: file.sha256,
        Tagging: UNATTACHED,
      });
      const url = await getSignedUrl(s3(), command, {
        expiresIn: UPLOAD_URL_SECONDS,
        // The presigner leaves these out of the signature unless told: then S3 would take any type or tag.
        signableHeaders: new Set(["content-type", "x-amz-tagging"]),
        unhoistableHeaders: new Set(["x-amz-checksum-sha256", "x-amz-tagging"]),
      });
      return {
        method: "PUT" as const,
        url,
        headers: {
          "content-type": file.contentType,
          "x-amz-checksum-sha256": file.sha256,
          "x-amz-tagging": UNATTACHED,
        },
      };
    },

    /** What arrived: its size, first bytes and SHA-256 read back; undefined when nothing did. */
    async observe(file: Pick<MaterialFile, "key" | "maxBytes">): Promise<ObservedUpload | undefined> {
      try {
        const head = await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: file.key }));
        const size = head.ContentLength ?? 0;
        // Too large to be accepted: judged by its size alone, never read into memory
        if (size > file.maxBytes) return { size, head: new Uint8Array(), sha256: "" };
        const object = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: file.key }));
        const bytes = await object.Body!.transformToByteArray();
        return {
          size: bytes.length,
          head: bytes.subarray(0, 16),
          sha256: createHash("sha256").update(bytes).digest("base64"),
        };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    /** Attached to an application: the lifecycle rule leaves it alone from now on. */
    async markAttached(file: Pick<MaterialFile, "key">): Promise<void> {
      await s3().send(
        new PutObjectTaggingCommand({
          Bucket: bucket,
          Key: file.key,
          Tagging: { TagSet: [{ Key: "attached", Value: "true" }] },
        }),
      );
    },

    /** A GET URL valid for a minute, saving the file under its own name (UTF-8, RFC 6266). */
    async presignDownload(file: Pick<MaterialFile, "key" | "fileName" | "contentType">) {
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: file.key,
        ResponseContentType: file.contentType,
        ResponseContentDisposition: `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      });
      return getSignedUrl(s3(), command, { expiresIn: DOWNLOAD_URL_SECONDS });
    },
  };
}

export type FileStorage = ReturnType<typeof fileStorage>;

/** Intake's materials bucket, for the handlers that upload, check, attach or open files (ports.ts says why only they). */
export const materialsStorage = () => fileStorage(intakeEnv[bucketEnv("intake", "materials")]);
