import { randomUUID } from "node:crypto";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { demoApplicants, seedUsers } from "#infra/local/seed-data.ts";
import { anonymous, as, db, drain, forgetTokens, request, setClock, sqs, stack } from "./support/api.ts";
import { givenItem, guideInput, residentStatus } from "./support/factories.ts";
import { seeded } from "./support/seed.ts";

const department = seedUsers.approver.departmentId;
let authorizedItem: string;
let departmentItem: string;

async function itemInHaidian(status: Record<string, unknown>, guide: Parameters<typeof guideInput>[0] = {}) {
  const item = await givenItem({ departmentId: department });
  await as("admin").post(
    `/v1/items/${item.id}/guides`,
    guideInput({
      materials: [
        { name: "申请表", required: true },
        { name: "平面图", required: true, tolerable: true },
      ],
      checkpoints: ["申请人名称与营业执照一致"],
      ...guide,
    }),
  );
  await request("PUT", `/v1/centers/${seeded.haidian}/items/${item.id}`, {
    as: "admin",
    body: residentStatus(status),
  });
  return item.id;
}

beforeAll(async () => {
  authorizedItem = await itemInHaidian({
    authorization: { listRef: "海淀区授权审批事项清单（2026版）第88项", deciders: ["approver", "chiefRep"] },
  });
  departmentItem = await itemInHaidian({});
  await drain();
});

/** An application accepted at the Haidian center, and its review task once the events have flowed. */
async function acceptedCase(
  itemId = authorizedItem,
  materials = [{ name: "申请表" }, { name: "平面图" }],
  outcome: object = { outcome: "accepted" },
) {
  const app = await as("clerk").post("/v1/applications", {
    itemId,
    centerId: seeded.haidian,
    channel: "window",
    applicant: demoApplicants.organisation,
    materials,
  });
  expect(app.status, JSON.stringify(app.body)).toBe(201);
  const decided = await as("clerk").post(`/v1/applications/${app.body.id}/acceptance`, outcome);
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  await drain();
  return app.body.id as string;
}

const post = (user: keyof typeof seedUsers, path: string, body: unknown = {}) =>
  request("POST", path, { as: user, body });

/** Deciding needs the claim (issue 15): the one who decides holds the case first. */
async function claimedBy(user: keyof typeof seedUsers, id: string) {
  const claimed = await post(user, `/v1/applications/${id}/review/claim`);
  expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
}
const tokenFor = async (claims: Record<string, string>) =>
  (await request("POST", "/_local/token", { body: claims })).body.token as string;

describe("review tasks (art. 21, 28)", () => {
  it("routes an accepted application to the item's department, due at the committed limit", async () => {
    const id = await acceptedCase();
    const task = await as("approver").get(`/v1/applications/${id}/review`);
    const worklist = await as("approver").get("/v1/review-tasks?scope=department&state=open&limit=100");
    expect(task.status).toBe(200);
    expect(task.body).toMatchObject({
      state: "open",
      departmentId: department,
      acceptance: "accepted",
      committedLimitDays: 5,
    });
    expect(task.body.dueAt).toBeDefined();
    expect(task.body.history.map((h: { type: string }) => h.type)).toEqual(["review.assigned"]);
    expect(worklist.body.items.map((t: { applicationId: string }) => t.applicationId)).toContain(id);
  });

  it("answers the legal basis of the guide the case follows, which the stored task refers to rather than copies", async () => {
    // Arrange: the guide's basis (guideInput's), projected by review before the case was accepted
    const id = await acceptedCase();
    // Act
    const task = await as("approver").get(`/v1/applications/${id}/review`);
    const { Item: stored } = await db.send(
      new GetCommand({ TableName: stack.tables.review, Key: { pk: `task#${id}`, sk: "task" } }),
    );
    // Assert
    expect(task.body.legalBasis).toEqual(guideInput().legalBasis);
    expect(stored?.legalBasis).toBeUndefined();
    expect(stored?.legalBasisInGuide).toBe(true);
  });

  it("lists by item and due date the whole task, as the case answers it (the indexes hold keys; lists read the table)", async () => {
    // Arrange
    const id = await acceptedCase();
    const { history: _history, ...task } = (await as("approver").get(`/v1/applications/${id}/review`)).body;
    const filter = `itemId=${authorizedItem}&dueBefore=${encodeURIComponent(task.dueAt as string)}`;
    // Act: every page, without a state (the due date is filtered on) and with one (it is in the sort key)
    const listed = async (query: string) => {
      const items: { applicationId: string; dueAt: string; itemId: string }[] = [];
      let cursor: string | undefined;
      do {
        const page = await as("approver").get(
          `/v1/review-tasks?${query}&limit=25${cursor ? `&cursor=${cursor}` : ""}`,
        );
        expect(page.status, JSON.stringify(page.body)).toBe(200);
        items.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      return items;
    };
    const byCenter = await listed(`scope=center&${filter}`);
    const byDepartment = await listed(`scope=department&state=open&${filter}`);
    const otherItem = await listed(`scope=department&itemId=${departmentItem}`);
    // Assert
    expect(byCenter.find((t) => t.applicationId === id)).toEqual(task);
    expect(byDepartment.find((t) => t.applicationId === id)).toEqual(task);
    expect(byCenter.every((t) => t.itemId === authorizedItem && t.dueAt <= task.dueAt)).toBe(true);
    expect(otherItem.map((t) => t.applicationId)).not.toContain(id);
  });

  it("claims into one's worklist and refuses another's claim; the chief representative reassigns with a reason", async () => {
    const id = await acceptedCase();
    const claimed = await post("approver", `/v1/applications/${id}/review/claim`);
    const taken = await post("chiefRep", `/v1/applications/${id}/review/claim`);
    const mine = await as("approver").get("/v1/review-tasks?scope=mine&limit=100");
    const nobody = await post("chiefRep", `/v1/applications/${id}/review/reassign`, {
      assigneeId: "usr_nobody_signs_in_as_this",
      reason: "承办人休假",
    });
    const clerk = await post("chiefRep", `/v1/applications/${id}/review/reassign`, {
      assigneeId: seedUsers.clerk.sub,
      reason: "承办人休假",
    });
    const reassigned = await post("chiefRep", `/v1/applications/${id}/review/reassign`, {
      assigneeId: seedUsers.chiefRep.sub,
      reason: "承办人休假",
    });
    expect(nobody.status).toBe(400);
    expect(nobody.body.errors).toEqual([
      { path: ["assigneeId"], message: "no one on the roster signs in with this id" },
    ]);
    expect(clerk.status).toBe(400);
    expect(claimed.body.assigneeId).toBe(seedUsers.approver.sub);
    expect(taken.status).toBe(403);
    expect(mine.body.items.map((t: { applicationId: string }) => t.applicationId)).toContain(id);
    expect(reassigned.body.assigneeId).toBe(seedUsers.chiefRep.sub);
  });
});

describe("a department's deciders", () => {
  it("lists its approvers and chief representative with the head marked, for its own people and the center's administration", async () => {
    const path = `/v1/centers/${seeded.haidian}/departments/${department}/deciders`;
    const mine = await as("approver").get(path);
    const byAdmin = await as("admin").get(path);
    const otherDepartment = seeded.haidianDepartments.find((d) => d !== department)!;
    const foreign = await as("approver").get(
      `/v1/centers/${seeded.haidian}/departments/${otherDepartment}/deciders`,
    );
    const clerk = await as("clerk").get(path);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          staffId: seeded.marketApprover,
          role: "approver",
          head: false,
          userId: seedUsers.approver.sub,
        }),
        expect.objectContaining({
          staffId: seeded.marketHead,
          role: "chiefRep",
          head: true,
          userId: seedUsers.chiefRep.sub,
        }),
      ]),
    );
    expect(mine.body.items.every((p: { role: string }) => ["approver", "chiefRep"].includes(p.role))).toBe(
      true,
    );
    expect(byAdmin.body.items).toEqual(mine.body.items);
    expect(foreign.status).toBe(403);
    expect(clerk.status).toBe(403);
  });
});

describe("accept → task → special procedure → resume → decide, sealed", () => {
  it("pauses for an inspection with a written notice, resumes, decides with a sealed document that verifies", async () => {
    // Arrange
    const id = await acceptedCase();
    await claimedBy("approver", id);
    // Act
    const started = await post("approver", `/v1/applications/${id}/special-procedures`, {
      kind: "inspection",
      expectedWorkingDays: 5,
      reason: "现场核查经营场所",
    });
    const refused = await post("approver", `/v1/applications/${id}/decision`, { decision: "approved" });
    const procedureId = started.body.procedures[0].id;
    const resumed = await post(
      "approver",
      `/v1/applications/${id}/special-procedures/${procedureId}/complete`,
      { summary: "现场核查符合要求" },
    );
    const decided = await post("approver", `/v1/applications/${id}/decision`, {
      decision: "approved",
      reason: "符合法定条件",
    });
    await drain();
    // Assert
    expect(started.body.state).toBe("inProcedure");
    expect(refused.status).toBe(409);
    expect(resumed.body.state).toBe("open");
    expect(decided.body).toMatchObject({ state: "decided", decision: { decision: "approved" } });
    const task = await as("approver").get(`/v1/applications/${id}/review`);
    expect(task.body.history.map((h: { type: string }) => h.type)).toEqual([
      "review.assigned",
      "review.assigned",
      "review.procedure-started",
      "review.procedure-completed",
      "review.decided",
    ]);
    expect(task.body.history[2].data).toMatchObject({
      kind: "inspection",
      expectedWorkingDays: 5,
      pausesClock: true,
    });
    expect(task.body.history[4].data.basis).toEqual({
      kind: "authorization",
      listRef: expect.any(String),
      role: "approver",
    });
    const notice = await as("approver").get(`/v1/documents/${started.body.procedures[0].noticeDocumentId}`);
    expect(notice.body.body.join("")).toContain("预计需要5个工作日");
    // 行政许可法 art. 38–39: the decision (and every notice) is addressed to the applicant, on the item applied for.
    const decision = await as("approver").get(`/v1/documents/${decided.body.decision.documentId}`);
    const itemName = (await anonymous.get(`/v1/items/${authorizedItem}`)).body.name as string;
    for (const document of [notice.body, decision.body])
      expect(document.body.slice(0, 2)).toEqual([
        `申请人：${demoApplicants.organisation.name}`,
        `申请事项：${itemName}`,
      ]);
    expect(task.body).toMatchObject({
      addressee: { kind: "organisation", name: demoApplicants.organisation.name },
      itemName,
    });
    const verified = await request("GET", `/v1/documents/${decided.body.decision.documentId}/verify`);
    expect(verified.body).toMatchObject({
      intact: true,
      signatureValid: true,
      valid: true,
      title: "准予行政许可决定书",
    });
    expect(verified.body.sealedBy.name).toContain("行政审批专用章");
    // The decision left the service: the review publisher sent it on (delivery and supervision will consume it).
    const published = await request(
      "GET",
      `/_local/attempts?consumer=review-publisher&eventId=${task.body.history[4].id}`,
    );
    expect(published.body.attempts.map((a: { outcome: string }) => a.outcome)).toContain("applied");
  });

  it("detects a tampered document and a presented copy that does not match", async () => {
    const id = await acceptedCase();
    await claimedBy("approver", id);
    const decided = await post("approver", `/v1/applications/${id}/decision`, {
      decision: "denied",
      reason: "不符合法定条件",
    });
    const documentId = decided.body.decision.documentId;
    const wrongCopy = await request("GET", `/v1/documents/${documentId}/verify?sha256=${"0".repeat(64)}`);
    await db.send(
      new UpdateCommand({
        TableName: stack.tables.review,
        Key: { pk: `rdoc#${documentId}`, sk: "doc" },
        UpdateExpression: "SET title = :t",
        ExpressionAttributeValues: { ":t": "准予行政许可决定书" },
      }),
    );
    const tampered = await request("GET", `/v1/documents/${documentId}/verify`);
    expect(wrongCopy.body).toMatchObject({ intact: true, presentedCopyMatches: false, valid: false });
    expect(tampered.body).toMatchObject({ intact: false, valid: false });
  });

  it("keeps a decision's body once, in its review.decided event item, and detects a change to it there", async () => {
    // Arrange: a decision, and the items it wrote
    const id = await acceptedCase();
    await claimedBy("approver", id);
    const decided = await post("approver", `/v1/applications/${id}/decision`, {
      decision: "denied",
      reason: "不符合法定条件",
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const documentId = decided.body.decision.documentId as string;
    const { Item: stored } = await db.send(
      new GetCommand({ TableName: stack.tables.review, Key: { pk: `rdoc#${documentId}`, sk: "doc" } }),
    );
    const document = await as("approver").get(`/v1/documents/${documentId}`);
    const intactBefore = await request("GET", `/v1/documents/${documentId}/verify`);
    // Assert: the document item holds no body; the one answered is the event's, and it is the sealed one
    expect(stored?.body).toBeUndefined();
    expect(stored?.bodyIn).toMatchObject({ pk: `task#${id}` });
    const { Item: event } = await db.send(
      new GetCommand({ TableName: stack.tables.review, Key: stored!.bodyIn as { pk: string; sk: string } }),
    );
    expect(event?.type).toBe("review.decided");
    expect(document.status).toBe(200);
    expect(document.body.body).toEqual(event?.data.document.body);
    expect(document.body.body.join("")).toContain("不符合法定条件");
    expect(intactBefore.body).toMatchObject({ intact: true, valid: true });
    // Act: the body is changed where it is kept
    await db.send(
      new UpdateCommand({
        TableName: stack.tables.review,
        Key: stored!.bodyIn as { pk: string; sk: string },
        UpdateExpression: "SET #d.#doc.#b = :b",
        ExpressionAttributeNames: { "#d": "data", "#doc": "document", "#b": "body" },
        ExpressionAttributeValues: { ":b": ["决定准予行政许可。"] },
      }),
    );
    // Assert: the seal no longer covers it
    const tampered = await request("GET", `/v1/documents/${documentId}/verify`);
    expect(tampered.body).toMatchObject({ intact: false, valid: false });
  });

  it("prints the decision for the applicant who owns the case, escaped, with its digest and where to verify; not for another applicant", async () => {
    // Arrange: submitted online by the seeded applicant (the owner), accepted, decided with a reason carrying markup
    const submitted = await as("applicant").post("/v1/applications", {
      itemId: authorizedItem,
      centerId: seeded.haidian,
      channel: "online",
      applicant: demoApplicants.person,
      materials: [{ name: "申请表" }, { name: "平面图" }],
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const id = submitted.body.id as string;
    const accepted = await as("clerk").post(`/v1/applications/${id}/acceptance`, { outcome: "accepted" });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    await drain();
    await claimedBy("approver", id);
    const decided = await post("approver", `/v1/applications/${id}/decision`, {
      decision: "approved",
      reason: `符合法定条件<script>alert("x")</script>`,
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const documentId = decided.body.decision.documentId as string;
    // Act
    const json = await as("applicant").get(`/v1/documents/${documentId}`);
    const html = await request("GET", `/v1/documents/${documentId}?format=html`, { as: "applicant" });
    const stranger = await request("GET", `/v1/documents/${documentId}?format=html`, {
      token: await tokenFor({ role: "applicant", sub: `usr_stranger_${randomUUID().slice(0, 8)}` }),
    });
    // Assert
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toContain("application/json");
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(html.headers.get("x-content-type-options")).toBe("nosniff");
    const page = html.body as string;
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain("<h1>准予行政许可决定书</h1>");
    expect(page).toContain(`编号：${json.body.number}`);
    expect(page).toContain(json.body.seal.sealName);
    expect(page).toContain(json.body.seal.sha256);
    expect(page).toContain(`/v1/documents/${documentId}/verify`);
    expect(page).toContain("符合法定条件&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(page).not.toContain("<script>");
    expect(stranger.status).toBe(403);
  });
});

describe("who may decide (art. 28, 44)", () => {
  it("refuses a clerk and another department's approver (403)", async () => {
    const id = await acceptedCase();
    const clerk = await post("clerk", `/v1/applications/${id}/decision`, { decision: "approved" });
    const other = await request("POST", `/v1/applications/${id}/decision`, {
      token: await tokenFor({
        role: "approver",
        sub: "usr_other_dept",
        centerId: seeded.haidian,
        departmentId: "dep_01JSEED0000000000000000002",
      }),
      body: { decision: "approved" },
    });
    expect(clerk.status).toBe(403);
    expect(other.status).toBe(403);
  });

  it("lets the back office decide an item outside the authorized list, after the chief representative's recommendation", async () => {
    const id = await acceptedCase(departmentItem);
    const resident = await post("approver", `/v1/applications/${id}/decision`, { decision: "approved" });
    const early = await post("backOfficeApprover", `/v1/applications/${id}/decision`, {
      decision: "approved",
    });
    const recommended = await post("chiefRep", `/v1/applications/${id}/recommendation`, {
      recommendation: "approve",
      reason: "材料齐全，建议准予",
    });
    await claimedBy("backOfficeApprover", id);
    const decided = await post("backOfficeApprover", `/v1/applications/${id}/decision`, {
      decision: "approved",
      reason: "同意首席代表意见",
    });
    expect(resident.status).toBe(403);
    expect(early.status).toBe(409);
    expect(recommended.body.recommendation.recommendation).toBe("approve");
    expect(decided.status).toBe(200);
    const task = await as("chiefRep").get(`/v1/applications/${id}/review`);
    expect(task.body.history.at(-1).data.basis).toEqual({
      kind: "department",
      departmentId: department,
      role: "approver",
    });
  });

  it("keeps the back office out of an item the center decides itself", async () => {
    const id = await acceptedCase();
    const res = await post("backOfficeApprover", `/v1/applications/${id}/decision`, { decision: "approved" });
    expect(res.status).toBe(403);
  });

  it("lets only one of two deciders at once win; the other gets 409", async () => {
    const id = await acceptedCase();
    await claimedBy("approver", id);
    const [a, b] = await Promise.all([
      post("approver", `/v1/applications/${id}/decision`, { decision: "approved" }),
      post("chiefRep", `/v1/applications/${id}/decision`, { decision: "denied", reason: "不符合条件" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it("needs the claim: a second approver is refused, the chief representative's override is recorded", async () => {
    // Arrange: the approver holds the case; a second approver of the department, on Haidian's roster
    const second = await as("admin").post("/v1/staff", {
      name: "第二审批员",
      role: "approver",
      centerId: seeded.haidian,
      departmentId: department,
      duty: "食品经营许可审批",
      employmentType: "civilServant",
      stationedOn: "2025-01-01",
      userId: "usr_second_resident",
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    await drain();
    const id = await acceptedCase();
    const other = await tokenFor({
      role: "approver",
      sub: "usr_second_resident",
      centerId: seeded.haidian,
      departmentId: department,
    });
    const unclaimed = await acceptedCase();
    // Act
    const beforeClaim = await post("approver", `/v1/applications/${unclaimed}/decision`, {
      decision: "approved",
    });
    await claimedBy("approver", id);
    const claimAgain = await request("POST", `/v1/applications/${id}/review/claim`, {
      token: other,
      body: {},
    });
    const decideAnyway = await request("POST", `/v1/applications/${id}/decision`, {
      token: other,
      body: { decision: "approved" },
    });
    const overridden = await post("chiefRep", `/v1/applications/${id}/decision`, {
      decision: "approved",
      reason: "首席代表决定",
    });
    // Assert
    expect(beforeClaim.status).toBe(409);
    expect(claimAgain.status).toBe(403);
    expect(decideAnyway.status).toBe(403);
    expect(overridden.status, JSON.stringify(overridden.body)).toBe(200);
    const task = await as("chiefRep").get(`/v1/applications/${id}/review`);
    expect(task.body.history.at(-1).data.basis).toMatchObject({
      role: "chiefRep",
      override: { assigneeId: seedUsers.approver.sub },
    });
  });

  it("requires reasons for a denial", async () => {
    const id = await acceptedCase();
    const res = await post("approver", `/v1/applications/${id}/decision`, { decision: "denied" });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toEqual(["reason"]);
  });
});

describe("extension, requests and contacts", () => {
  it("extends once by 10 working days with a notice; a second extension is refused", async () => {
    const id = await acceptedCase();
    const before = (await as("approver").get(`/v1/applications/${id}/review`)).body.dueAt as string;
    const extended = await post("approver", `/v1/applications/${id}/extension`, {
      approvedBy: seeded.marketHead,
      reason: "需要进一步核实",
    });
    const again = await post("approver", `/v1/applications/${id}/extension`, {
      approvedBy: seeded.marketHead,
      reason: "再次延期",
    });
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    expect(extended.body.extension).toMatchObject({
      extraWorkingDays: 10,
      approvedBy: seeded.marketHead,
      approverName: "李建国",
      provision: "《中华人民共和国行政许可法》第四十二条第一款",
    });
    expect(new Date(extended.body.dueAt) > new Date(before)).toBe(true);
    expect(again.status).toBe(409);
    // The case lists the extension notice by its number, readable where its href says (issue 16).
    await drain();
    const notice = extended.body.extension.noticeDocumentId as string;
    const { sealedNotice, application } = {
      sealedNotice: (await as("clerk").get(`/v1/documents/${notice}`)).body,
      application: (await as("clerk").get(`/v1/applications/${id}`)).body,
    };
    expect(application.documents).toContainEqual({
      id: notice,
      kind: "extensionNotice",
      number: sealedNotice.number,
      issuedAt: expect.any(String),
      href: `/v1/documents/${notice}`,
    });
    expect(application.history.map((h: { type: string }) => h.type)).toContain("review.extended");
    const step = application.history.find((h: { type: string }) => h.type === "review.extended");
    expect(step.data).not.toHaveProperty("approvedBy");
    expect(sealedNotice.body.join("\n")).toContain(
      "经本机关负责人李建国批准，审批期限延长10个工作日（《中华人民共和国行政许可法》第四十二条第一款）",
    );
    expect(sealedNotice.body.at(-1)).toBe("事项依据：《北京市测试事项管理规定》第五条。");
  });

  it("extends only with the department head's approval and where the item's legal basis allows it (409, art. 42)", async () => {
    // Arrange: a case on an item whose law allows no extension, and one that does
    const fixedTerm = await itemInHaidian({}, { legalBasis: { provisions: ["《户口登记条例》第十条"] } });
    await drain();
    const unextendable = await acceptedCase(fixedTerm);
    const id = await acceptedCase();
    // Act
    const byApprover = await post("approver", `/v1/applications/${id}/extension`, {
      approvedBy: seeded.marketApprover,
      reason: "需要进一步核实",
    });
    const byNobody = await post("approver", `/v1/applications/${id}/extension`, {
      approvedBy: "stf_01JSEED0000000000000009999",
      reason: "需要进一步核实",
    });
    const tooLong = await post("approver", `/v1/applications/${id}/extension`, {
      approvedBy: seeded.marketHead,
      reason: "需要进一步核实",
      extraWorkingDays: 15,
    });
    const noBasis = await post("approver", `/v1/applications/${unextendable}/extension`, {
      approvedBy: seeded.marketHead,
      reason: "需要进一步核实",
    });
    const shorter = await post("approver", `/v1/applications/${id}/extension`, {
      approvedBy: seeded.marketHead,
      reason: "需要进一步核实",
      extraWorkingDays: 5,
    });
    // Assert
    for (const refused of [byApprover, byNobody, tooLong, noBasis]) {
      expect(refused.status, JSON.stringify(refused.body)).toBe(409);
      expect(refused.body).toMatchObject({
        type: "urn:govservice:problem:extension-refused",
        article: "行政许可法 art. 42",
      });
    }
    expect(byApprover.body.detail).toContain("head");
    expect(noBasis.body.detail).toContain("legal basis");
    expect(shorter.status, JSON.stringify(shorter.body)).toBe(200);
    expect(shorter.body.extension.extraWorkingDays).toBe(5);
  });

  it("handles a one-thing bundle jointly: 45 working days for the whole, extendable once by 15 (行政许可法 art. 26, 42)", async () => {
    // Arrange: two items of the department, one whose own law allows no extension
    const fixedTerm = await itemInHaidian({}, { legalBasis: { provisions: ["《户口登记条例》第十条"] } });
    await drain();
    const bundle = (by: "clerk" | "applicant") =>
      as(by).post("/v1/applications/bundles", {
        centerId: seeded.haidian,
        channel: by === "clerk" ? "window" : "online",
        applicant: by === "clerk" ? demoApplicants.organisation : demoApplicants.person,
        items: [
          { itemId: authorizedItem, materials: [{ name: "申请表" }, { name: "平面图" }] },
          { itemId: fixedTerm, materials: [{ name: "申请表" }, { name: "平面图" }] },
        ],
        jointHandling: { basis: "海淀区人民政府关于“开办餐馆一件事”联合办理的决定〔2026〕3号" },
      });
    // Act
    const joint = await bundle("clerk");
    const byApplicant = await bundle("applicant");
    const id = joint.body.applications[1].id as string;
    const receipt = await as("clerk").post(`/v1/applications/${id}/acceptance`, { outcome: "accepted" });
    await drain();
    const task = await as("approver").get(`/v1/applications/${id}/review`);
    const extended = await post("approver", `/v1/applications/${id}/extension`, {
      approvedBy: seeded.marketHead,
      reason: "联合办理涉及部门较多，需进一步会商",
    });
    // Assert
    expect(joint.status, JSON.stringify(joint.body)).toBe(201);
    expect(joint.body.applications[0].jointHandling).toMatchObject({ bundleId: joint.body.bundleId });
    expect(byApplicant.status).toBe(422);
    expect(byApplicant.body.errors[0].path).toEqual(["jointHandling"]);
    expect(receipt.body.document.body.join("\n")).toContain("联合办理，办理时限合计不超过45个工作日");
    expect(task.body).toMatchObject({
      statutoryLimitDays: 45,
      jointHandling: { bundleId: joint.body.bundleId },
    });
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    expect(extended.body.extension).toMatchObject({
      extraWorkingDays: 15,
      provision: "《中华人民共和国行政许可法》第四十二条第二款",
    });
  });

  it("refuses an extension once the decision period has passed (409, art. 42): it would make an overdue case on time", async () => {
    // Arrange
    const id = await acceptedCase();
    const { dueAt } = (await as("approver").get(`/v1/applications/${id}/review`)).body as { dueAt: string };
    await setClock(new Date(Date.parse(dueAt) + 3_600_000).toISOString());
    forgetTokens();
    // Act
    const late = await post("approver", `/v1/applications/${id}/extension`, {
      approvedBy: seeded.marketHead,
      reason: "需要进一步核实",
    });
    // Assert
    expect(late.status, JSON.stringify(late.body)).toBe(409);
    expect(late.body).toMatchObject({
      type: "urn:govservice:problem:extension-refused",
      article: "行政许可法 art. 42",
      dueAt,
    });
    expect((await as("approver").get(`/v1/applications/${id}/review`)).body).not.toHaveProperty("extension");
  });

  it("refuses a request for materials outside the guide (art. 28), naming the item", async () => {
    const id = await acceptedCase();
    const hidden = await post("approver", `/v1/applications/${id}/material-requests`, {
      items: [{ material: "房产证明", reason: "需要补充" }],
    });
    const cited = await post("approver", `/v1/applications/${id}/material-requests`, {
      items: [{ checkpoint: "申请人名称与营业执照一致", reason: "名称需核对" }],
    });
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors[0].path).toEqual(["items", 0, "material"]);
    expect(cited.status).toBe(200);
  });

  it("records every contact on the case, visible to supervisors (art. 30)", async () => {
    const id = await acceptedCase();
    await post("approver", `/v1/applications/${id}/contacts`, {
      channel: "phone",
      purpose: "电话通知现场核查时间",
    });
    const seen = await as("supervisor").get(`/v1/applications/${id}/contacts`);
    // A list, like every list (issue 16): `{ items }` — a case's contacts are few, so one page
    expect(seen.body.items).toEqual([
      expect.objectContaining({
        channel: "phone",
        staffId: seedUsers.approver.sub,
        purpose: "电话通知现场核查时间",
      }),
    ]);
  });

  it("flags contacts outside working time, away from the center, or at the department's office for the administration (art. 30)", async () => {
    // Arrange: a Friday (2026-12-04) in Beijing time
    const id = await acceptedCase();
    const record = (body: object) => post("approver", `/v1/applications/${id}/contacts`, body);
    // Act
    const inHours = await record({ channel: "phone", purpose: "告知补正要求", at: "2026-12-04T03:00:00Z" });
    const evening = await record({ channel: "phone", purpose: "晚间电话沟通", at: "2026-12-04T12:30:00Z" });
    const summoned = await record({
      channel: "meeting",
      place: "departmentOffice",
      purpose: "要求到局里说明情况",
      at: "2026-12-04T06:00:00Z",
    });
    const inspection = await record({
      channel: "onSiteInspection",
      purpose: "现场核查",
      at: "2026-12-04T02:00:00Z",
    });
    const flagged = await as("admin").get(`/v1/centers/${seeded.haidian}/flagged-contacts?limit=100`);
    const elsewhere = await as("cityAdmin").get(`/v1/centers/${seeded.haidian}/flagged-contacts`);
    // Assert
    expect(inHours.body).not.toHaveProperty("flags");
    expect(evening.body.flags).toEqual(["outsideHours"]);
    expect(summoned.body).toMatchObject({
      place: "departmentOffice",
      flags: ["offSite", "summonedToDepartment"],
    });
    expect(inspection.body).toMatchObject({ place: "applicantSite" });
    expect(inspection.body).not.toHaveProperty("flags");
    expect(flagged.status, JSON.stringify(flagged.body)).toBe(200);
    const onCase = flagged.body.items.filter((c: { applicationId: string }) => c.applicationId === id);
    expect(onCase.map((c: { id: string }) => c.id)).toEqual([evening.body.id, summoned.body.id]);
    expect(elsewhere.status).toBe(403);
  });
});

describe("tolerant acceptance's cure deadline (art. 27(三))", () => {
  async function expire(applicationId: string) {
    const envelope = expiry(applicationId);
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.queues["review-events"]!,
        MessageBody: JSON.stringify(envelope),
      }),
    );
    await drain();
    return envelope.id;
  }

  function expiry(applicationId: string) {
    return {
      id: `evt_${ulid()}`,
      type: "clock.cure-deadline-expired",
      version: 1,
      occurredAt: new Date().toISOString(),
      source: "monitoring",
      subject: applicationId,
      correlationId: randomUUID(),
      actor: { id: "system:sweep", role: "system" },
      data: {
        applicationId,
        centerId: seeded.haidian,
        deadline: new Date().toISOString(),
        missingMaterials: ["平面图"],
      },
    };
  }

  it("denies automatically, stating why, when the deficiencies were not cured", async () => {
    const id = await acceptedCase(authorizedItem, [{ name: "申请表" }], { outcome: "tolerant" });
    await expire(id);
    const task = await as("approver").get(`/v1/applications/${id}/review`);
    expect(task.body.decision).toMatchObject({ decision: "denied" });
    expect(task.body.decision.reasons[0]).toContain("补正期限");
    expect(task.body.history.at(-1).data.basis).toEqual({ kind: "cureExpired" });
  });

  it("recognises its report applied when redelivered after a crash: one denial, no idempotency record (issue 21)", async () => {
    // Arrange: review's consumer crashes once after applying an expiry
    const id = await acceptedCase(authorizedItem, [{ name: "申请表" }], { outcome: "tolerant" });
    const fault = await request("POST", "/_local/faults", {
      body: { consumer: "review-events", eventType: "clock.cure-deadline-expired", phase: "after", times: 1 },
    });
    expect(fault.status).toBe(201);
    // Act
    const eventId = await expire(id);
    await request("DELETE", "/_local/faults");
    // Assert: applied, failed, then recognised by the task it denied — one decision, one document
    const attempts = await request("GET", `/_local/attempts?consumer=review-events&eventId=${eventId}`);
    expect(attempts.body.attempts.map((a: { outcome: string }) => a.outcome)).toEqual([
      "applied",
      "failed",
      "duplicate",
    ]);
    const task = await as("approver").get(`/v1/applications/${id}/review`);
    expect(task.body.history.filter((e: { type: string }) => e.type === "review.decided")).toHaveLength(1);
    const { Items: records = [] } = await db.send(
      new QueryCommand({
        TableName: stack.tables.review,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": "idem#review-events" },
      }),
    );
    expect(records).toEqual([]);
  });

  it("leaves a cured case alone", async () => {
    const id = await acceptedCase(authorizedItem, [{ name: "申请表" }], { outcome: "tolerant" });
    await as("clerk").post(`/v1/applications/${id}/supplements`, { materials: [{ name: "平面图" }] });
    await drain();
    await expire(id);
    const task = await as("approver").get(`/v1/applications/${id}/review`);
    expect(task.body.state).toBe("open");
    expect(task.body.deficiencies.curedAt).toBeDefined();
  });
});
