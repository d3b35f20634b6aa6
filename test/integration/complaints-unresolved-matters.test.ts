import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { departments, seedUsers, staff } from "#infra/local/seed-data.ts";
import { anonymous, as, db, drain, request, stack, type SeedUser } from "./support/api.ts";
import { seeded } from "./support/seed.ts";

/**
 * The unresolved-matter desk (办不成事反映, art. 13, 34): record, assign a coordinator, hold case-by-case coordination
 * meetings (专事专议), reply, link the resulting application; masked lists; scope, validation and state checks.
 */

const PHONE = "13912345678";
const ID_NUMBER = "11010519491231002X";
const staffIdOf = (userId: string) => staff.find((s) => s.input.userId === userId)!.id;
/** The market department's chief representative coordinates; the supervisor may not. */
const coordinatorStaffId = staffIdOf(seedUsers.chiefRep.sub);
const supervisorStaffId = staffIdOf(seedUsers.supervisor.sub);
const otherCenterStaffId = staff.find(
  (s) => s.input.centerId !== seeded.haidian && s.input.role === "clerk",
)!.id;
const haidianDepartments = departments.filter((d) => d.centerId === seeded.haidian).map((d) => d.id);

beforeAll(async () => {
  // The catalog's staff events reach supervision's directory (who may coordinate) before the first assignment.
  await drain();
});

function matterInput(overrides: Record<string, unknown> = {}) {
  return {
    centerId: seeded.haidian,
    channel: "desk",
    applicant: { name: "王小明", phone: PHONE, idNumber: ID_NUMBER },
    request: "开办无人机飞行培训机构",
    obstacle: "窗口找不到对应的许可事项，无法受理",
    reason: { category: "noMatchingItem", detail: "新业态，事项目录中没有对应事项" },
    ...overrides,
  };
}

async function givenMatter(overrides: Record<string, unknown> = {}, by: SeedUser = "clerk") {
  const res = await as(by).post("/v1/unresolved-matters", matterInput(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; recordedAt: string; state: string };
}

async function givenAssigned() {
  const matter = await givenMatter();
  const res = await as("admin").post(`/v1/unresolved-matters/${matter.id}/coordinator`, {
    staffId: coordinatorStaffId,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { id: string; version: number; recordedAt: string };
}

const now = async () => (await request("GET", "/_local/clock")).body.now as string;

async function meetingInput(overrides: Record<string, unknown> = {}) {
  return {
    heldAt: await now(),
    departmentIds: haidianDepartments.slice(0, 2),
    attendees: [
      { name: "李建国", departmentId: haidianDepartments[0], title: "首席代表" },
      { name: "刘海涛", departmentId: haidianDepartments[1] },
    ],
    discussion: "参照“职业技能培训机构设立”事项办理，由市场监管部门牵头",
    decisions: ["参照现有事项受理", "一周内完成办事指南补充"],
    outcome: "resolved",
    ...overrides,
  };
}

const replyInput = { text: "经专事专议，可参照现有事项办理，已电话告知。", method: "phone", resolved: true };

/** The matter's events as stored in its partition (the outbox), in time order. */
async function storedEvents(matterId: string) {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: stack.tables.complaints,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :evt)",
      ExpressionAttributeValues: { ":pk": `matter#${matterId}`, ":evt": "evt#" },
    }),
  );
  return Items;
}

/** A matter's entry in the center's list, paging through it. */
async function listEntryOf(id: string, filter = "") {
  let cursor: string | undefined;
  do {
    const page = await as("supervisor").get(
      `/v1/unresolved-matters?centerId=${seeded.haidian}&limit=50${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const found = page.body.items.find((m: { id: string }) => m.id === id);
    if (found) return { entry: found, page: page.body };
    cursor = page.body.nextCursor;
  } while (cursor);
  return undefined;
}

describe("recording a matter (art. 13)", () => {
  it("records it for the clerk's center and writes unresolved-matter.recorded without personal data", async () => {
    // Act
    const res = await as("clerk").post("/v1/unresolved-matters", matterInput());
    // Assert
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get("location")).toBe(`/v1/unresolved-matters/${res.body.id}`);
    expect(res.body).toMatchObject({ state: "recorded", version: 1, channel: "desk" });
    expect(res.body.id).toMatch(/^urm_/);
    const events = await storedEvents(res.body.id);
    expect(events.map((e) => e.type)).toEqual(["unresolved-matter.recorded"]);
    expect(events[0]!.data).toMatchObject({ reasonCategory: "noMatchingItem", selfReported: false });
    expect(JSON.stringify(events)).not.toMatch(new RegExp(`${PHONE}|${ID_NUMBER}|王小明`));
  });

  it("lets an applicant report their own matter online and read it; another applicant may not", async () => {
    // Arrange
    const other = await request("POST", "/_local/token", {
      body: { role: "applicant", sub: "usr_unresolved_other" },
    });
    // Act
    const matter = await givenMatter({ channel: "online" }, "applicant");
    const own = await as("applicant").get(`/v1/unresolved-matters/${matter.id}`);
    const foreign = await request("GET", `/v1/unresolved-matters/${matter.id}`, { token: other.body.token });
    // Assert
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: matter.id, ownerId: seedUsers.applicant.sub, meetings: [] });
    expect(own.body).not.toHaveProperty("history");
    expect(foreign.status).toBe(403);
  });

  it("refuses an applicant's report through another channel than online (422 naming channel)", async () => {
    const res = await as("applicant").post("/v1/unresolved-matters", matterInput({ channel: "window" }));
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toEqual(["channel"]);
  });

  it("names every invalid field: phone, resident ID, reason category, center id (400)", async () => {
    // Act
    const res = await as("clerk").post(
      "/v1/unresolved-matters",
      matterInput({
        centerId: "not-a-center",
        applicant: { name: "王小明", phone: "12912345678", idNumber: "110105194912310021" },
        reason: { category: "bureaucracy", detail: "说不清" },
      }),
    );
    // Assert
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: unknown[] }) => e.path)).toEqual(
      expect.arrayContaining([
        ["centerId"],
        ["applicant", "phone"],
        ["applicant", "idNumber"],
        ["reason", "category"],
      ]),
    );
  });

  it("needs a token (401), a recording role (403), and the caller's own center (403)", async () => {
    const unauthenticated = await anonymous.post("/v1/unresolved-matters", matterInput());
    const supervisor = await as("supervisor").post("/v1/unresolved-matters", matterInput());
    const otherCenter = await as("subdistrictClerk").post("/v1/unresolved-matters", matterInput());
    expect(unauthenticated.status).toBe(401);
    expect(supervisor.status).toBe(403);
    expect(otherCenter.status).toBe(403);
  });
});

describe("coordination (专事专议, art. 34) and the reply", () => {
  it("goes recorded → assigned → coordinating → replied with an event for each step, and links the application", async () => {
    // Arrange
    const matter = await givenMatter();
    // Act
    const assigned = await as("admin").post(`/v1/unresolved-matters/${matter.id}/coordinator`, {
      staffId: coordinatorStaffId,
      version: 1,
    });
    const first = await as("chiefRep").post(
      `/v1/unresolved-matters/${matter.id}/meetings`,
      await meetingInput({
        outcome: "partlyResolved",
        followUp: { owner: "海淀区市场监督管理局", action: "补充办事指南", dueOn: "2026-06-30" },
      }),
    );
    const second = await as("admin").post(
      `/v1/unresolved-matters/${matter.id}/meetings`,
      await meetingInput(),
    );
    const replied = await as("chiefRep").post(`/v1/unresolved-matters/${matter.id}/reply`, replyInput);
    const linked = await as("clerk").post(`/v1/unresolved-matters/${matter.id}/application`, {
      applicationId: "app_01JSEED0000000000000000099",
    });
    const detail = await as("clerk").get(`/v1/unresolved-matters/${matter.id}`);
    // Assert
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body).toMatchObject({
      state: "assigned",
      version: 2,
      coordinator: { staffId: coordinatorStaffId, userId: seedUsers.chiefRep.sub },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.meeting).toMatchObject({ sequence: 1, outcome: "partlyResolved" });
    expect(second.body.matter).toMatchObject({ state: "coordinating", meetingCount: 2 });
    expect(replied.status, JSON.stringify(replied.body)).toBe(200);
    expect(replied.body).toMatchObject({ state: "replied", reply: { resolved: true, method: "phone" } });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body.resultingApplication.applicationId).toBe("app_01JSEED0000000000000000099");
    expect(detail.body.meetings.map((m: { sequence: number }) => m.sequence)).toEqual([1, 2]);
    expect(detail.body.history.map((e: { type: string }) => e.type)).toEqual([
      "unresolved-matter.recorded",
      "unresolved-matter.coordinator-assigned",
      "unresolved-matter.coordination-held",
      "unresolved-matter.coordination-held",
      "unresolved-matter.replied",
      "unresolved-matter.application-linked",
    ]);
    expect((await storedEvents(matter.id)).map((e) => e.type)).toEqual(
      detail.body.history.map((e: { type: string }) => e.type),
    );
  });

  it("refuses a second reply and a meeting on the closed matter (409)", async () => {
    // Arrange
    const matter = await givenAssigned();
    await as("chiefRep").post(`/v1/unresolved-matters/${matter.id}/reply`, replyInput);
    // Act
    const again = await as("chiefRep").post(`/v1/unresolved-matters/${matter.id}/reply`, {
      ...replyInput,
      text: "再次答复申请人",
    });
    const meeting = await as("admin").post(
      `/v1/unresolved-matters/${matter.id}/meetings`,
      await meetingInput(),
    );
    // Assert
    expect(again.status).toBe(409);
    expect(again.body.type).toBe("urn:govservice:problem:matter-already-replied");
    expect(meeting.status).toBe(409);
    expect(meeting.body.type).toBe("urn:govservice:problem:matter-closed");
    expect(
      (await storedEvents(matter.id)).filter((e) => e.type === "unresolved-matter.replied"),
    ).toHaveLength(1);
  });

  it("refuses a meeting before a coordinator is assigned (409)", async () => {
    const matter = await givenMatter();
    const res = await as("admin").post(`/v1/unresolved-matters/${matter.id}/meetings`, await meetingInput());
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ state: "recorded", command: "holdMeeting" });
  });

  it("refuses a change based on an old version (409) and writes nothing", async () => {
    // Arrange
    const matter = await givenAssigned();
    // Act
    const res = await as("admin").post(`/v1/unresolved-matters/${matter.id}/coordinator`, {
      staffId: staffIdOf(seedUsers.clerk.sub),
      version: 1,
    });
    // Assert
    expect(res.status).toBe(409);
    expect(res.body.version).toBe(2);
    const current = await as("admin").get(`/v1/unresolved-matters/${matter.id}`);
    expect(current.body.coordinator.staffId).toBe(coordinatorStaffId);
  });

  it("lets only the coordinator or the center's admin meet and reply (403)", async () => {
    const matter = await givenAssigned();
    const clerk = await as("clerk").post(
      `/v1/unresolved-matters/${matter.id}/meetings`,
      await meetingInput(),
    );
    const approver = await as("approver").post(`/v1/unresolved-matters/${matter.id}/reply`, replyInput);
    const otherAdmin = await as("cityAdmin").post(`/v1/unresolved-matters/${matter.id}/reply`, replyInput);
    expect(clerk.status).toBe(403);
    expect(approver.status).toBe(403);
    expect(otherAdmin.status).toBe(403);
  });

  it("assigns only a member of the center in a coordinating role (422 naming staffId), by its admin only (403)", async () => {
    // Arrange
    const matter = await givenMatter();
    const path = `/v1/unresolved-matters/${matter.id}/coordinator`;
    // Act
    const supervisor = await as("admin").post(path, { staffId: supervisorStaffId });
    const outsider = await as("admin").post(path, { staffId: otherCenterStaffId });
    const byClerk = await as("clerk").post(path, { staffId: coordinatorStaffId });
    const byOtherAdmin = await as("cityAdmin").post(path, { staffId: coordinatorStaffId });
    // Assert
    expect(supervisor.status).toBe(422);
    expect(supervisor.body.errors[0].path).toEqual(["staffId"]);
    expect(outsider.status).toBe(422);
    expect(outsider.body.errors[0].path).toEqual(["staffId"]);
    expect(byClerk.status).toBe(403);
    expect(byOtherAdmin.status).toBe(403);
  });

  it("refuses a meeting in the future (422 naming heldAt) and an incomplete one (400 with field paths)", async () => {
    // Arrange
    const matter = await givenAssigned();
    const path = `/v1/unresolved-matters/${matter.id}/meetings`;
    const future = new Date(new Date(await now()).getTime() + 86_400_000).toISOString();
    // Act
    const ahead = await as("chiefRep").post(path, await meetingInput({ heldAt: future }));
    const incomplete = await as("chiefRep").post(
      path,
      await meetingInput({ departmentIds: [], outcome: "needsPolicyChange" }),
    );
    // Assert
    expect(ahead.status).toBe(422);
    expect(ahead.body.errors[0].path).toEqual(["heldAt"]);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors.map((e: { path: unknown[] }) => e.path)).toEqual(
      expect.arrayContaining([["departmentIds"], ["followUp"]]),
    );
  });

  it("links one resulting application: the same again changes nothing, another is 409", async () => {
    // Arrange
    const matter = await givenMatter();
    const path = `/v1/unresolved-matters/${matter.id}/application`;
    await as("clerk").post(path, { applicationId: "app_01JSEED0000000000000000098" });
    // Act
    const same = await as("approver").post(path, { applicationId: "app_01JSEED0000000000000000098" });
    const other = await as("clerk").post(path, { applicationId: "app_01JSEED0000000000000000097" });
    const malformed = await as("clerk").post(path, { applicationId: "apt_01JSEED0000000000000000097" });
    // Assert
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(2);
    expect(other.status).toBe(409);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toEqual(["applicationId"]);
    expect(
      (await storedEvents(matter.id)).filter((e) => e.type === "unresolved-matter.application-linked"),
    ).toHaveLength(1);
  });
});

describe("reading the desk", () => {
  it("answers 404 for an unknown matter and 400 for a malformed id", async () => {
    const unknown = await as("clerk").get("/v1/unresolved-matters/urm_01JSEED0000000000000000000");
    const malformed = await as("clerk").get("/v1/unresolved-matters/app_01JSEED0000000000000000000");
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toEqual(["path", "matterId"]);
  });

  it("masks phone and resident ID in the list, while the matter itself shows them to its center's staff", async () => {
    // Arrange
    const matter = await givenMatter();
    // Act
    const listed = await listEntryOf(matter.id);
    const detail = await as("clerk").get(`/v1/unresolved-matters/${matter.id}`);
    // Assert
    expect(listed?.entry.applicant).toEqual({
      name: "王小明",
      phone: "139****5678",
      idNumber: "110105********002X",
    });
    expect(JSON.stringify(listed?.page)).not.toMatch(new RegExp(`${PHONE}|${ID_NUMBER}`));
    expect(detail.body.applicant).toEqual({ name: "王小明", phone: PHONE, idNumber: ID_NUMBER });
  });

  it("filters by state and pages with a cursor", async () => {
    // Arrange
    await givenMatter();
    await givenMatter();
    const replied = await givenAssigned();
    await as("chiefRep").post(`/v1/unresolved-matters/${replied.id}/reply`, replyInput);
    const base = `/v1/unresolved-matters?centerId=${seeded.haidian}&state=recorded&limit=1`;
    // Act
    const first = await as("admin").get(base);
    const second = await as("admin").get(`${base}&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    const repliedOnly = await listEntryOf(replied.id, "&state=replied");
    const notInRecorded = await listEntryOf(replied.id, "&state=recorded");
    // Assert
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect([...first.body.items, ...second.body.items].every((m) => m.state === "recorded")).toBe(true);
    expect(repliedOnly?.entry).toMatchObject({ state: "replied", resolved: true });
    expect(notInRecorded).toBeUndefined();
  });

  it("lists only the caller's center (403), for staff only (403), and refuses a forged cursor (400)", async () => {
    const otherCenter = await as("cityAdmin").get(`/v1/unresolved-matters?centerId=${seeded.haidian}`);
    const applicant = await as("applicant").get(`/v1/unresolved-matters?centerId=${seeded.haidian}`);
    const forged = await as("clerk").get("/v1/unresolved-matters?cursor=bm90LWEtY3Vyc29y");
    expect(otherCenter.status).toBe(403);
    expect(applicant.status).toBe(403);
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0].path).toEqual(["query", "cursor"]);
  });
});
