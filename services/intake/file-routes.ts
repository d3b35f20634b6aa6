import * as z from "zod";
import { STAFF_ROLES } from "#shared/auth/roles.ts";
import {
  commonErrors,
  conflict,
  idSchema,
  notFound,
  pageQuery,
  unprocessable,
} from "#shared/http/schemas.ts";
import { route } from "#shared/manifest/types.ts";
import { uploadRequestSchema } from "./domain/files.ts";
import {
  fileAccessPageSchema,
  materialFileSchema,
  openedFileSchema,
  uploadTicketSchema,
} from "./file.schema.ts";

const fileParams = z.object({ fileId: idSchema("fil") });
const caseFileParams = z.object({ applicationId: idSchema("app"), fileId: idSchema("fil") });
const UPLOADERS = ["applicant", "clerk"] as const;
const writes = { ...commonErrors, ...notFound, ...conflict, ...unprocessable };

/** Electronic materials (电子材料, art. 16, 25; issue 19): upload, check, attach (with the application), open. */
export const fileRoutes = {
  requestUpload: route("POST /v1/files", {
    handler: "request-file-upload",
    auth: UPLOADERS,
    summary: "Ask to upload one file for a material: a presigned PUT bound to its type, size and SHA-256",
    description:
      "PDF, JPEG or PNG, at most the guide's `maxFileMiB` for the material (else 10 MiB). Send the bytes to `upload.url` " +
      "with `upload.headers` within 15 minutes, then POST /v1/files/{fileId}/check. A clerk's scan belongs to their center.",
    body: uploadRequestSchema,
    responses: {
      201: { description: "The file's record and where to upload", schema: uploadTicketSchema },
      ...writes,
    },
  }),
  checkUpload: route("POST /v1/files/{fileId}/check", {
    handler: "check-file-upload",
    auth: UPLOADERS,
    summary: "The upload is done: read it back and judge it (type by its first bytes, size, SHA-256)",
    description:
      "422 naming the rule when it is not what was declared (`file-type-mismatch`, `file-size-mismatch`, " +
      "`file-checksum-mismatch`, `file-too-large`) — the file is rejected for good; `file-not-uploaded` while nothing " +
      "arrived yet. A checked file can then be named by one material of an application (`provided: electronic`).",
    params: fileParams,
    responses: { 200: { description: "The checked file", schema: materialFileSchema }, ...writes },
  }),
  getFile: route("GET /v1/files/{fileId}", {
    handler: "get-file",
    auth: UPLOADERS,
    summary: "A file's record, for whoever uploaded it (or the clerk's center)",
    params: fileParams,
    responses: { 200: { description: "The file", schema: materialFileSchema }, ...commonErrors, ...notFound },
  }),
  openApplicationFile: route("GET /v1/applications/{applicationId}/files/{fileId}", {
    handler: "open-application-file",
    auth: ["applicant", ...STAFF_ROLES],
    summary: "Open an application's file: a one-minute download URL; every staff opening is recorded",
    description:
      "For the applicant, and staff of the case's center and department. Who opened which file when is kept " +
      "(GET …/accesses) and published as `material-file.opened`.",
    params: caseFileParams,
    responses: {
      200: { description: "Where to read it", schema: openedFileSchema },
      ...commonErrors,
      ...notFound,
    },
  }),
  listFileAccesses: route("GET /v1/applications/{applicationId}/files/{fileId}/accesses", {
    handler: "list-file-accesses",
    auth: STAFF_ROLES,
    summary: "Who opened an application's file, and when (personal data protection), oldest first",
    params: caseFileParams,
    query: z.object(pageQuery),
    responses: {
      200: { description: "A page of openings", schema: fileAccessPageSchema },
      ...commonErrors,
      ...notFound,
    },
  }),
};
