import * as z from "zod";
import { dateTimeString, pageOf } from "#shared/http/schemas.ts";
import { FILE_STATES, FILE_TYPES } from "./domain/files.ts";

/** The answers about electronic materials (issue 19), described once. */
const datetime = dateTimeString;
const contentType = z.enum(Object.keys(FILE_TYPES) as [keyof typeof FILE_TYPES]);

export const materialFileSchema = z
  .object({
    id: z.string(),
    ownerId: z
      .string()
      .meta({ description: "Who uploaded it: the applicant's account or the scanning clerk" }),
    uploaderRole: z.string(),
    centerId: z.string().optional().meta({ description: "A clerk's scan belongs to their center" }),
    fileName: z.string(),
    contentType,
    size: z.number().int(),
    sha256: z.string().meta({ description: "Base64 of the declared SHA-256" }),
    maxBytes: z.number().int().meta({ description: "The limit for its material (the guide's, else 10 MiB)" }),
    key: z.string(),
    state: z.enum(FILE_STATES).meta({
      description:
        "`pending` until checked; `checked` (what was declared) can be attached once; `rejected` never; `attached`",
    }),
    createdAt: datetime,
    uploadExpiresAt: datetime,
    checkedAt: datetime.optional(),
    rejection: z.object({ rule: z.string(), detail: z.string() }).optional(),
    attachedTo: z.object({ applicationId: z.string(), material: z.string(), at: datetime }).optional(),
    version: z.number().int(),
    updatedAt: datetime,
  })
  .meta({ id: "MaterialFile" });

export const uploadTicketSchema = z
  .object({
    file: materialFileSchema,
    upload: z
      .object({
        method: z.literal("PUT"),
        url: z.string().meta({ description: "Presigned: send the bytes here, with exactly these headers" }),
        headers: z.record(z.string(), z.string()),
        expiresAt: datetime,
      })
      .meta({ description: "Then ask POST /v1/files/{fileId}/check" }),
  })
  .meta({ id: "UploadTicket" });

export const openedFileSchema = z
  .object({
    fileId: z.string(),
    material: z.string(),
    fileName: z.string(),
    contentType,
    size: z.number().int(),
    url: z.string().meta({ description: "Presigned GET, valid for a minute" }),
    expiresAt: datetime,
  })
  .meta({ id: "OpenedFile" });

export const fileAccessPageSchema = pageOf(
  z
    .object({
      id: z.string(),
      fileId: z.string(),
      applicationId: z.string(),
      by: z.object({
        id: z.string(),
        role: z.string(),
        centerId: z.string().optional(),
        departmentId: z.string().optional(),
      }),
      at: datetime,
    })
    .meta({ id: "FileAccess" }),
  "FileAccessPage",
);
