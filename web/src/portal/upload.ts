import { api } from "../api/client.ts";
import { idempotencyKey } from "../api/call.ts";

/** What the API accepts as an electronic material (services/intake/domain/files.ts). */
export const FILE_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
type FileType = (typeof FILE_TYPES)[number];

export type Uploaded = { ok: true; fileId: string; fileName: string };
export type Refused = { ok: false; rule: string; maxMiB?: number };

/** SHA-256 of the bytes, base64 — what S3 checks the upload against, as the signature binds it. */
async function sha256(file: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await file.arrayBuffer()));
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * One material's file, from the applicant's device to an attachable electronic material (issue 19):
 * 1. the API is told what is coming — name, type, size, checksum — and refuses what the guide does not allow (too
 *    large) before a byte is sent; it answers with a short-lived presigned PUT that binds type and checksum;
 * 2. the bytes go straight to the materials bucket (not through the API);
 * 3. the API checks what arrived — the bytes are the declared type, size and checksum hold — and only then may the
 *    file be attached to an application.
 */
export async function uploadMaterial(
  file: File,
  to: { itemId: string; material: string },
): Promise<Uploaded | Refused> {
  if (!(FILE_TYPES as readonly string[]).includes(file.type)) return { ok: false, rule: "wrongType" };
  const created = await api.POST("/v1/files", {
    params: { header: { "Idempotency-Key": idempotencyKey() } },
    body: {
      fileName: file.name.slice(0, 200),
      contentType: file.type as FileType,
      size: file.size,
      sha256: await sha256(file),
      itemId: to.itemId,
      material: to.material,
    },
  });
  if (!created.data) {
    const problem = created.error as { rule?: string; errors?: { message: string }[] } | undefined;
    const maxMiB = Number(/(\d+(?:\.\d+)?) MiB/.exec(problem?.errors?.[0]?.message ?? "")?.[1]);
    return { ok: false, rule: problem?.rule ?? "other", ...(Number.isFinite(maxMiB) ? { maxMiB } : {}) };
  }
  const { file: record, upload } = created.data;
  const put = await fetch(upload.url, { method: upload.method, headers: upload.headers, body: file }).catch(
    () => undefined,
  );
  if (!put?.ok) return { ok: false, rule: "file-not-uploaded" };
  const checked = await api.POST("/v1/files/{fileId}/check", { params: { path: { fileId: record.id } } });
  if (checked.data?.state === "checked") return { ok: true, fileId: record.id, fileName: record.fileName };
  // A refused file is a 422 naming the rule it broke (the record keeps it as its rejection)
  const rule = checked.data?.rejection?.rule ?? (checked.error as { rule?: string } | undefined)?.rule;
  return { ok: false, rule: rule ?? "other", maxMiB: record.maxBytes / 1024 / 1024 };
}
