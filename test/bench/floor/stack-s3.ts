/**
 * stack.ts with what a handler of electronic materials adds (issue 21): the S3 client for a HEAD and a presigned PUT
 * (intake's request-file-upload, check-file-upload, open-application-file). Built by the bench; never deployed.
 */
import { HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { handler as tableHandler } from "./stack.ts";

const files = new S3Client({});

export const handler = async (event: { id: string; token: string }) => ({
  table: await tableHandler(event),
  head: await files.send(new HeadObjectCommand({ Bucket: "b", Key: event.id })),
  upload: await getSignedUrl(files, new PutObjectCommand({ Bucket: "b", Key: event.id })),
});
