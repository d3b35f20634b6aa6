import * as z from "zod";
import { InvalidTransitionError, RuleViolationError } from "#shared/errors.ts";
import { FILE_TYPES } from "../contract/file-values.ts";

export { FILE_TYPES };

/**
 * Electronic materials (电子材料, art. 16, 25): a file an applicant — or a clerk scanning at the window — uploads for a
 * material of a guide. Nothing counts as electronic that was not uploaded and checked: its bytes are what was declared
 * (type by its first bytes, size, SHA-256), before it can be attached to an application or a supplement.
 */

export type FileType = keyof typeof FILE_TYPES;
const TYPES = Object.keys(FILE_TYPES) as [FileType, ...FileType[]];

/** Per file, unless the guide's material says otherwise (`maxFileMiB`). */
export const DEFAULT_MAX_FILE_MIB = 10;
const MIB = 1024 * 1024;
/** How long an upload URL stays valid: long enough for a phone on a slow network, short enough to be useless later. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** How long a download URL stays valid: it is opened at once by the person who asked for it. */
export const DOWNLOAD_URL_SECONDS = 60;

/** SHA-256 as S3 takes it (`x-amz-checksum-sha256`): base64 of the 32-byte digest. */
const sha256Base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/, "the SHA-256 of the file, base64 (44 characters)");

export const uploadRequestSchema = z.object({
  /** The name on the applicant's device, shown back to people (never used as the storage key). */
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine(
      (n) => !/[\\/]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 0x20),
      "a file name, without folders or control characters",
    ),
  contentType: z.enum(TYPES),
  size: z
    .number()
    .int()
    .min(1)
    .max(100 * MIB),
  sha256: sha256Base64,
  /** The item and material it is for: the guide's limit on size applies (`maxFileMiB`). */
  itemId: z.string().optional(),
  material: z.string().trim().min(1).max(200).optional(),
});
export type UploadRequest = z.output<typeof uploadRequestSchema>;

export const FILE_STATES = ["pending", "checked", "rejected", "attached"] as const;
export type FileState = (typeof FILE_STATES)[number];

export interface MaterialFile {
  id: string;
  /** Who uploaded it: the applicant's account, or the clerk scanning at the window. */
  ownerId: string;
  uploaderRole: string;
  /** Staff uploads belong to their center; an applicant's to nobody else. */
  centerId?: string;
  fileName: string;
  contentType: FileType;
  size: number;
  sha256: string;
  maxBytes: number;
  /** Where the bytes are: `uploads/<fileId>` — no names, no personal data in keys. */
  key: string;
  state: FileState;
  createdAt: string;
  uploadExpiresAt: string;
  checkedAt?: string;
  rejection?: { rule: FileRule; detail: string };
  attachedTo?: { applicationId: string; material: string; at: string };
  version: number;
  updatedAt: string;
}

export type FileRule =
  | "file-too-large"
  | "file-not-uploaded"
  | "file-size-mismatch"
  | "file-type-mismatch"
  | "file-checksum-mismatch";

/** An applicant's files are theirs; a clerk's scans belong to the clerk's center. */
export function mayHandle(
  principal: { sub: string; role: string; centerId?: string },
  file: Pick<MaterialFile, "ownerId" | "centerId">,
): boolean {
  return (
    file.ownerId === principal.sub ||
    (principal.role !== "applicant" && file.centerId !== undefined && file.centerId === principal.centerId)
  );
}

/** The limit for a material: the guide's, else the default. A declared size above it is refused before any upload. */
export function maxBytesFor(material: { maxFileMiB?: number } | undefined): number {
  return (material?.maxFileMiB ?? DEFAULT_MAX_FILE_MIB) * MIB;
}

export function assertWithinLimit(size: number, maxBytes: number): void {
  if (size > maxBytes) {
    throw new RuleViolationError(
      "file-too-large",
      `The file is ${mib(size)} MiB; at most ${mib(maxBytes)} MiB is accepted for this material.`,
      [{ path: ["size"], message: `at most ${mib(maxBytes)} MiB` }],
    );
  }
}

const mib = (bytes: number) => Math.round((bytes / MIB) * 10) / 10;

/** The type its first bytes say a file is, among the accepted ones; undefined for anything else. */
export function sniffType(head: Uint8Array): FileType | undefined {
  return TYPES.find((type) => FILE_TYPES[type].every((byte, i) => head[i] === byte));
}

/** What the storage says about the uploaded object, and the digest of the bytes read back. */
export interface ObservedUpload {
  size: number;
  head: Uint8Array;
  sha256: string;
}

/**
 * Check an upload against what was declared. The storage's own checks (the signed length and checksum) are not
 * relied on: the bytes are read back and judged here, so a forged or mistaken upload is refused the same way
 * everywhere. Returns the rule broken, or undefined when the file is what it says it is.
 */
export function judgeUpload(
  file: Pick<MaterialFile, "size" | "contentType" | "sha256" | "maxBytes">,
  observed: ObservedUpload | undefined,
): { rule: FileRule; detail: string } | undefined {
  if (!observed) return { rule: "file-not-uploaded", detail: "Nothing was uploaded for this file yet." };
  if (observed.size > file.maxBytes)
    return { rule: "file-too-large", detail: `The file is larger than ${mib(file.maxBytes)} MiB.` };
  if (observed.size !== file.size)
    return {
      rule: "file-size-mismatch",
      detail: `${observed.size} bytes arrived; ${file.size} were declared.`,
    };
  const type = sniffType(observed.head);
  if (type !== file.contentType)
    return {
      rule: "file-type-mismatch",
      detail: `The file's content is ${type ?? "not a PDF, JPEG or PNG"}, not ${file.contentType} as declared.`,
    };
  if (observed.sha256 !== file.sha256)
    return { rule: "file-checksum-mismatch", detail: "The bytes that arrived are not the ones declared." };
  return undefined;
}

/** The file's life, as data: what is not listed is refused (409). */
const transitions: Record<FileState, Partial<Record<"check" | "reject" | "attach", FileState>>> = {
  pending: { check: "checked", reject: "rejected" },
  checked: { attach: "attached" },
  rejected: {},
  attached: {},
};

export function nextFileState(state: FileState, command: "check" | "reject" | "attach"): FileState {
  const next = transitions[state][command];
  if (!next) throw new InvalidTransitionError(state, command, `A ${state} file cannot ${command}.`);
  return next;
}

/** What an application records of a file it was given (its material's `file`). */
export const fileRef = (f: MaterialFile) => ({
  fileId: f.id,
  fileName: f.fileName,
  contentType: f.contentType,
  size: f.size,
  sha256: f.sha256,
});
export type FileRef = ReturnType<typeof fileRef>;
