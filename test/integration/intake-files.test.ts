import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { demoApplicants, seedUsers } from "#infra/local/seed-data.ts";
import { as, drain, newApplicant, request } from "./support/api.ts";
import { givenItem, guideInput, residentStatus } from "./support/factories.ts";
import { seeded } from "./support/seed.ts";

/**
 * Electronic materials (issue 19) through the local stack and its S3 server: an upload is handed out bound to what was
 * declared, the bytes go straight to S3, the check reads them back; only checked files are attached, once; staff of
 * the case open them through a one-minute URL, and every opening is recorded.
 */
const pdf = (text: string) => new Uint8Array(Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("base64");
let itemId: string;

beforeAll(async () => {
  const item = await givenItem({ departmentId: seedUsers.approver.departmentId });
  const guide = guideInput();
  guide.materials[0] = { ...guide.materials[0]!, maxFileMiB: 2 };
  await as("admin").post(`/v1/items/${item.id}/guides`, guide);
  await request("PUT", `/v1/centers/${seeded.haidian}/items/${item.id}`, {
    as: "admin",
    body: residentStatus(),
  });
  await drain();
  itemId = item.id;
});

type Uploader = { post: (path: string, body: unknown) => Promise<{ status: number; body: any }> };

/** Ask for an upload, send the bytes where it says with its headers, and return the file's id. */
async function upload(
  who: Uploader,
  bytes: Uint8Array<ArrayBuffer>,
  declared: Partial<Record<string, unknown>> = {},
) {
  const asked = await who.post("/v1/files", {
    fileName: "申请表.pdf",
    contentType: "application/pdf",
    size: bytes.length,
    sha256: sha256(bytes),
    itemId,
    material: "申请表",
    ...declared,
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const { file, upload } = asked.body;
  const put = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: bytes });
  return { fileId: file.id as string, put: put.status, upload };
}

const application = (materials: unknown[]) => ({
  itemId,
  centerId: seeded.haidian,
  channel: "online",
  applicant: demoApplicants.person,
  materials,
});

describe("electronic materials (issue 19)", () => {
  it("uploads a file straight to storage, checks it, and attaches it to one application only", async () => {
    const bytes = pdf("申请表内容");
    const { fileId, put, upload: ticket } = await upload(as("applicant"), bytes);
    const early = await as("applicant").post(`/v1/files/${fileId}/check`, {});
    expect([put, early.status]).toEqual([200, 200]);
    expect(early.body).toMatchObject({
      id: fileId,
      state: "checked",
      size: bytes.length,
      key: `uploads/${fileId}`,
    });
    expect(ticket.headers).toMatchObject({
      "content-type": "application/pdf",
      "x-amz-checksum-sha256": sha256(bytes),
    });

    const submitted = await as("applicant").post(
      "/v1/applications",
      application([{ name: "申请表", provided: "electronic", fileId }]),
    );
    const again = await as("applicant").post(
      "/v1/applications",
      application([{ name: "申请表", provided: "electronic", fileId }]),
    );
    const file = await as("applicant").get(`/v1/files/${fileId}`);

    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect(submitted.body.materials.find((m: { name: string }) => m.name === "申请表")).toMatchObject({
      status: "electronic",
      file: {
        fileId,
        fileName: "申请表.pdf",
        contentType: "application/pdf",
        size: bytes.length,
        sha256: sha256(bytes),
      },
    });
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([
      { path: ["materials", 0, "fileId"], message: "the file is attached" },
    ]);
    expect(file.body).toMatchObject({
      state: "attached",
      attachedTo: { applicationId: submitted.body.id, material: "申请表" },
    });
  });

  it("refuses bytes that are not the declared type, a file over the material's limit, and a check before upload", async () => {
    const png = await upload(as("applicant"), pdf("其实是PDF"), {
      contentType: "image/png",
      fileName: "照片.png",
    });
    const wrongType = await as("applicant").post(`/v1/files/${png.fileId}/check`, {});
    const stillWrong = await as("applicant").post(`/v1/files/${png.fileId}/check`, {});
    const tooLarge = await as("applicant").post("/v1/files", {
      fileName: "扫描件.pdf",
      contentType: "application/pdf",
      size: 3 * 1024 * 1024,
      sha256: sha256(pdf("x")),
      itemId,
      material: "申请表",
    });
    const asked = await as("applicant").post("/v1/files", {
      fileName: "未上传.pdf",
      contentType: "application/pdf",
      size: 100,
      sha256: sha256(pdf("y")),
    });
    const notYet = await as("applicant").post(`/v1/files/${asked.body.file.id}/check`, {});
    const attachRejected = await as("applicant").post(
      "/v1/applications",
      application([{ name: "申请表", provided: "electronic", fileId: png.fileId }]),
    );

    expect(png.put).toBe(200); // the storage takes what the URL allows; the check judges the bytes
    expect([wrongType.status, wrongType.body.rule]).toEqual([422, "file-type-mismatch"]);
    expect([stillWrong.status, stillWrong.body.rule]).toEqual([422, "file-type-mismatch"]);
    expect([tooLarge.status, tooLarge.body.rule]).toEqual([422, "file-too-large"]);
    expect(tooLarge.body.errors).toEqual([{ path: ["size"], message: "at most 2 MiB" }]);
    expect([notYet.status, notYet.body.rule]).toEqual([422, "file-not-uploaded"]);
    expect((await as("applicant").get(`/v1/files/${asked.body.file.id}`)).body.state).toBe("pending");
    expect(attachRejected.status).toBe(400);
  });

  it("refuses other bytes than the URL was signed for, and keeps others' files out of reach", async () => {
    const bytes = pdf("原件");
    const asked = await as("applicant").post("/v1/files", {
      fileName: "a.pdf",
      contentType: "application/pdf",
      size: bytes.length,
      sha256: sha256(bytes),
    });
    const { url, headers } = asked.body.upload;
    const otherLength = await fetch(url, {
      method: "PUT",
      headers,
      body: new Uint8Array([...bytes, 0x78]),
    });
    const stranger = await newApplicant();
    const peek = await stranger.get(`/v1/files/${asked.body.file.id}`);
    const check = await stranger.post(`/v1/files/${asked.body.file.id}/check`, {});
    const foreignClerk = await as("subdistrictClerk").get(`/v1/files/${asked.body.file.id}`);
    expect(otherLength.status).toBe(403);
    expect([peek.status, check.status, foreignClerk.status]).toEqual([403, 403, 403]);
  });

  it("lets the case's staff open a file through a one-minute URL, recording who opened it and when", async () => {
    const bytes = pdf("营业执照扫描件");
    const { fileId } = await upload(as("applicant"), bytes);
    await as("applicant").post(`/v1/files/${fileId}/check`, {});
    const submitted = await as("applicant").post(
      "/v1/applications",
      application([{ name: "申请表", provided: "electronic", fileId }]),
    );
    const id = submitted.body.id as string;

    const opened = await as("clerk").get(`/v1/applications/${id}/files/${fileId}`);
    const read = await fetch(opened.body.url);
    const byApprover = await as("approver").get(`/v1/applications/${id}/files/${fileId}`);
    const byOwner = await as("applicant").get(`/v1/applications/${id}/files/${fileId}`);
    const foreign = await as("subdistrictClerk").get(`/v1/applications/${id}/files/${fileId}`);
    const stranger = await (await newApplicant()).get(`/v1/applications/${id}/files/${fileId}`);
    const accesses = await as("admin").get(`/v1/applications/${id}/files/${fileId}/accesses`);

    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body).toMatchObject({
      fileId,
      material: "申请表",
      fileName: "申请表.pdf",
      contentType: "application/pdf",
    });
    expect(Buffer.from(await read.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    expect([byApprover.status, byOwner.status, foreign.status, stranger.status]).toEqual([
      200, 200, 403, 403,
    ]);
    // Staff openings only, in order: the clerk, then the approver; the applicant's own reading is not an access
    expect(accesses.body.items.map((a: { by: { id: string; role: string } }) => a.by)).toEqual([
      expect.objectContaining({ id: seedUsers.clerk.sub, role: "clerk" }),
      expect.objectContaining({ id: seedUsers.approver.sub, role: "approver" }),
    ]);
  });

  it("keeps a file a correction replaced on the case's record: still opened by its staff, its openings still listed", async () => {
    // Arrange: an application with its form as a file, and a correction notice asking for a better one
    const first = await upload(as("applicant"), pdf("申请表（第一版）"));
    await as("applicant").post(`/v1/files/${first.fileId}/check`, {});
    const id = (
      await as("applicant").post(
        "/v1/applications",
        application([{ name: "申请表", provided: "electronic", fileId: first.fileId }]),
      )
    ).body.id as string;
    await as("clerk").get(`/v1/applications/${id}/files/${first.fileId}`);
    const notice = await as("clerk").post(`/v1/applications/${id}/acceptance`, {
      outcome: "correction",
      items: [{ material: "申请表", reason: "签名不清晰" }],
    });
    expect(notice.status, JSON.stringify(notice.body)).toBe(200);
    const corrected = await upload(as("applicant"), pdf("申请表（修改版）"));
    await as("applicant").post(`/v1/files/${corrected.fileId}/check`, {});

    // Act: the corrected file replaces the first as the material
    const supplied = await as("applicant").post(`/v1/applications/${id}/supplements`, {
      materials: [{ name: "申请表", provided: "electronic", fileId: corrected.fileId }],
    });
    const reopened = await as("clerk").get(`/v1/applications/${id}/files/${first.fileId}`);
    const accesses = await as("admin").get(`/v1/applications/${id}/files/${first.fileId}/accesses`);
    const unrelated = await upload(as("applicant"), pdf("另一份"));
    const notAttached = await as("clerk").get(`/v1/applications/${id}/files/${unrelated.fileId}`);

    // Assert
    expect(supplied.status, JSON.stringify(supplied.body)).toBe(200);
    expect(supplied.body.materials.find((m: { name: string }) => m.name === "申请表").file.fileId).toBe(
      corrected.fileId,
    );
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect(reopened.body).toMatchObject({ fileId: first.fileId, material: "申请表" });
    expect(accesses.body.items.map((a: { by: { id: string } }) => a.by.id)).toEqual([
      seedUsers.clerk.sub,
      seedUsers.clerk.sub,
    ]);
    expect(notAttached.status).toBe(404);
  });
});
