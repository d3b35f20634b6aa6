import type { Caller } from "#shared/auth/caller.ts";
import { ValidationError, type FieldIssue } from "#shared/errors.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import { fileRef, mayHandle, nextFileState, type FileRef, type MaterialFile } from "../domain/files.ts";
import type { SubmittedMaterial } from "../domain/materials.ts";

type Ports = Pick<IntakePorts, "files">;

/**
 * The checked files the electronic materials name (电子材料, issue 19): each must exist, be checked, be the caller's
 * own (or, for staff, their center's scan), and serve one material only. Named field errors otherwise.
 */
export async function electronicFiles(
  materials: readonly SubmittedMaterial[],
  caller: Caller,
  path: (string | number)[],
  ports: Ports,
): Promise<MaterialFile[]> {
  const wanted = materials.flatMap((m, i) => (m.fileId ? [{ i, fileId: m.fileId }] : []));
  if (!wanted.length) return [];
  const found = await ports.files.getMany(wanted.map((w) => w.fileId));
  const p = caller.principal;
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  wanted.forEach(({ i, fileId }, n) => {
    const file = found[n];
    const at = [...path, i, "fileId"];
    if (!file || !mayHandle(p, file)) issues.push({ path: at, message: "no such file of yours" });
    else if (seen.has(fileId)) issues.push({ path: at, message: "the same file for two materials" });
    else if (file.state === "pending")
      issues.push({ path: at, message: "not checked yet: check it after uploading" });
    else if (file.state !== "checked") issues.push({ path: at, message: `the file is ${file.state}` });
    seen.add(fileId);
  });
  if (issues.length)
    throw new ValidationError(issues, "Electronic materials must be uploaded and checked first.");
  return found as MaterialFile[];
}

/** The files as the application's materials record them. */
export const fileRefs = (files: readonly MaterialFile[]): Map<string, FileRef> =>
  new Map(files.map((f) => [f.id, fileRef(f)]));

/** The files attached to an application, each to the material that named it (written in the application's transaction). */
export const attachTo = (
  files: readonly MaterialFile[],
  applicationId: string,
  materials: readonly SubmittedMaterial[],
  now: string,
): MaterialFile[] =>
  files.map((f) => ({
    ...f,
    state: nextFileState(f.state, "attach"),
    attachedTo: { applicationId, material: materials.find((m) => m.fileId === f.id)!.name, at: now },
    version: f.version + 1,
    updatedAt: now,
  }));
