import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { assertDepartmentScope, type Principal } from "#shared/auth/principal.ts";
import { ForbiddenError, NotFoundError, RuleViolationError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import {
  assertWithinLimit,
  DOWNLOAD_URL_SECONDS,
  judgeUpload,
  mayHandle,
  maxBytesFor,
  nextFileState,
  UPLOAD_URL_SECONDS,
  type MaterialFile,
  type UploadRequest,
} from "../domain/files.ts";
import { fileChecked, fileOpened, fileRejected, fileUploadRequested } from "../contract/file-events.ts";

type Ports = Pick<IntakePorts, "files" | "storage" | "reference" | "applications" | "clock" | "ids">;

const facts = (f: MaterialFile) => ({
  fileId: f.id,
  ownerId: f.ownerId,
  ...(f.centerId ? { centerId: f.centerId } : {}),
  contentType: f.contentType,
  size: f.size,
});

function assertMayHandle(principal: Principal, file: MaterialFile): void {
  if (!mayHandle(principal, file)) throw new ForbiddenError("This file belongs to someone else.");
}

async function fileOr404(fileId: string, ports: Pick<Ports, "files">): Promise<MaterialFile> {
  const file = await ports.files.get(fileId);
  if (!file) throw new NotFoundError(`File ${fileId} does not exist.`);
  return file;
}

/**
 * Hand out an upload for one file (art. 16, 25): the limit is the guide's material's (or 10 MiB), the URL is bound to
 * the declared type, length and SHA-256 and lives 15 minutes. Nothing is stored yet but the record of what is to come.
 */
export async function requestUpload(input: UploadRequest, caller: Caller, ports: Ports) {
  const guide = input.itemId ? await ports.reference.currentGuide(input.itemId) : undefined;
  const material = input.material
    ? (guide?.guide.materials as { name: string; maxFileMiB?: number }[] | undefined)?.find(
        (m) => m.name === input.material,
      )
    : undefined;
  if (input.material && input.itemId && !material) {
    throw new RuleViolationError("not-a-material", "The item's guide lists no such material.", [
      { path: ["material"], message: "not a material of this item's guide" },
    ]);
  }
  const maxBytes = maxBytesFor(material);
  assertWithinLimit(input.size, maxBytes);
  const now = ports.clock.now();
  const id = ports.ids.next("fil");
  const p = caller.principal;
  const file: MaterialFile = {
    id,
    ownerId: p.sub,
    uploaderRole: p.role,
    ...(p.role !== "applicant" && p.centerId ? { centerId: p.centerId } : {}),
    fileName: input.fileName,
    contentType: input.contentType,
    size: input.size,
    sha256: input.sha256,
    maxBytes,
    key: `uploads/${id}`,
    state: "pending",
    createdAt: now.toISOString(),
    uploadExpiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
    version: 1,
    updatedAt: now.toISOString(),
  };
  const event = newEvent(
    fileUploadRequested,
    { ...facts(file), requestedAt: file.createdAt },
    causedBy(caller, "intake", id),
    ports,
  );
  await ports.files.create(file, event);
  const upload = await ports.storage.presignUpload(file);
  return { file, upload: { ...upload, expiresAt: file.uploadExpiresAt } };
}

/**
 * The uploader says the upload is done: the bytes are read back and judged (domain/files.ts). A file that is not what
 * was declared is rejected for good (422 naming the rule); asking again about a checked file answers the same.
 */
export async function checkUpload(fileId: string, caller: Caller, ports: Ports): Promise<MaterialFile> {
  const file = await fileOr404(fileId, ports);
  assertMayHandle(caller.principal, file);
  if (file.state === "checked" || file.state === "attached") return file;
  if (file.state === "rejected") throw rejection(file.rejection!);
  const verdict = judgeUpload(file, await ports.storage.observe(file));
  // Nothing arrived yet: the upload may still be on its way; the file stays pending until its URL expires
  if (verdict?.rule === "file-not-uploaded" && ports.clock.now().toISOString() < file.uploadExpiresAt) {
    throw rejection(verdict);
  }
  const now = ports.clock.now().toISOString();
  const next: MaterialFile = verdict
    ? {
        ...file,
        state: nextFileState(file.state, "reject"),
        rejection: verdict,
        version: file.version + 1,
        updatedAt: now,
      }
    : {
        ...file,
        state: nextFileState(file.state, "check"),
        checkedAt: now,
        version: file.version + 1,
        updatedAt: now,
      };
  const event = verdict
    ? newEvent(
        fileRejected,
        { ...facts(file), rule: verdict.rule, rejectedAt: now },
        causedBy(caller, "intake", file.id),
        ports,
      )
    : newEvent(fileChecked, { ...facts(file), checkedAt: now }, causedBy(caller, "intake", file.id), ports);
  await ports.files.update(next, event);
  if (verdict) throw rejection(verdict);
  return next;
}

const rejection = (v: { rule: string; detail: string }) =>
  new RuleViolationError(v.rule, v.detail, [{ path: ["file"], message: v.detail }]);

/** A file's record, for whoever may handle it. */
export async function getFile(
  fileId: string,
  caller: Caller,
  ports: Pick<Ports, "files">,
): Promise<MaterialFile> {
  const file = await fileOr404(fileId, ports);
  assertMayHandle(caller.principal, file);
  return file;
}

/**
 * A file attached to the application — one of its materials now, or one a supplement has since replaced: the case's
 * record keeps both (the first floor plan beside the corrected one), and who opened either stays on record.
 */
async function attachedFile(applicationId: string, fileId: string, ports: Pick<Ports, "files">) {
  const file = await ports.files.get(fileId);
  if (!file?.attachedTo || file.attachedTo.applicationId !== applicationId)
    throw new NotFoundError(`File ${fileId} is not one of this application's materials.`);
  return file;
}

/**
 * Open an application's file: its applicant, or staff of the case's center and department (personal data: only those
 * who work the case). Every staff opening is recorded — who, when, which file — before the one-minute URL is given.
 */
export async function openApplicationFile(
  applicationId: string,
  fileId: string,
  caller: Caller,
  ports: Ports,
) {
  const application = await ports.applications.get(applicationId);
  if (!application) throw new NotFoundError(`Application ${applicationId} does not exist.`);
  const p = caller.principal;
  if (p.role === "applicant") {
    if (application.ownerId !== p.sub)
      throw new ForbiddenError("This application belongs to another applicant.");
  } else {
    assertDepartmentScope(p, application.centerId, application.departmentId);
  }
  const file = await attachedFile(application.id, fileId, ports);
  const now = ports.clock.now().toISOString();
  if (p.role !== "applicant") {
    const access = {
      id: ports.ids.next("acc"),
      fileId,
      applicationId,
      by: {
        id: p.sub,
        role: p.role,
        ...(p.centerId ? { centerId: p.centerId } : {}),
        ...(p.departmentId ? { departmentId: p.departmentId } : {}),
      },
      at: now,
    };
    await ports.files.recordAccess(
      access,
      newEvent(
        fileOpened,
        { fileId, applicationId, openedBy: { id: p.sub, role: p.role }, openedAt: now },
        causedBy(caller, "intake", fileId),
        ports,
      ),
    );
  }
  return {
    fileId,
    material: file.attachedTo!.material,
    fileName: file.fileName,
    contentType: file.contentType,
    size: file.size,
    url: await ports.storage.presignDownload(file),
    expiresAt: new Date(Date.parse(now) + DOWNLOAD_URL_SECONDS * 1000).toISOString(),
  };
}

/** Who opened an application's files, for the administration and supervisors of its center (newest last). */
export async function listFileAccesses(
  applicationId: string,
  fileId: string,
  page: { cursor?: string; limit: number },
  caller: Caller,
  ports: Pick<Ports, "applications" | "files">,
) {
  const application = await ports.applications.get(applicationId);
  if (!application) throw new NotFoundError(`Application ${applicationId} does not exist.`);
  assertDepartmentScope(caller.principal, application.centerId, application.departmentId);
  await attachedFile(application.id, fileId, ports);
  return ports.files.accesses(fileId, page);
}
