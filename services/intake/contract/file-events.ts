import * as z from "zod";
import { defineEvent, type EventDefinition } from "#shared/events/define-event.ts";
import { FILE_TYPES } from "./file-values.ts";

/**
 * Intake's events about electronic materials (issue 19). Ids, types, sizes and rules — never a file name or its bytes
 * (a name may carry personal data). `material-file.opened` is the record of who looked at a file and when.
 */
const datetime = z.iso.datetime({ offset: true });
const fileFacts = {
  fileId: z.string(),
  ownerId: z.string(),
  centerId: z.string().optional(),
  contentType: z.enum(Object.keys(FILE_TYPES) as [keyof typeof FILE_TYPES]),
  size: z.number().int(),
};

export const fileUploadRequested = defineEvent(
  "material-file.upload-requested",
  1,
  z.object({ ...fileFacts, requestedAt: datetime }),
  "Someone asked to upload a file for a material; the upload URL was handed out.",
);

export const fileChecked = defineEvent(
  "material-file.checked",
  1,
  z.object({ ...fileFacts, checkedAt: datetime }),
  "An uploaded file was read back and is what was declared (type by content, size, SHA-256).",
);

export const fileRejected = defineEvent(
  "material-file.rejected",
  1,
  z.object({ ...fileFacts, rule: z.string(), rejectedAt: datetime }),
  "An uploaded file was not what was declared (or nothing arrived); it can never be attached.",
);

export const fileOpened = defineEvent(
  "material-file.opened",
  1,
  z.object({
    fileId: z.string(),
    applicationId: z.string(),
    openedBy: z.object({ id: z.string(), role: z.string() }),
    openedAt: datetime,
  }),
  "A member of staff opened an application's file (personal data protection: who, when, which file).",
);

export const fileEvents: EventDefinition[] = [fileUploadRequested, fileChecked, fileRejected, fileOpened];
