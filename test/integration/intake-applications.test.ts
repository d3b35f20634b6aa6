import { residentIdCheck } from "#shared/identity.ts";
import { randomUUID } from "node:crypto";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { demoApplicants, seedUsers } from "#infra/local/seed-data.ts";
import { anonymous, as, db, drain, forgetTokens, request, setClock, sqs, stack } from "./support/api.ts";
import { givenItem, guideInput, residentStatus } from "./support/factories.ts";
import { attemptsSince } from "./support/applications.ts";
import { seeded } from "./support/seed.ts";

const pledge = "本单位承诺已建立健全食品安全管理制度，所作承诺真实有效，如有不实愿承担相应法律责任。";
const materials = [
  { name: "申请表", required: true, form: "original" },
  { name: "营业执照", required: true, form: "copy", eLicenseType: "营业执照" },
  { name: "管理制度", required: true, form: "original", commitmentAllowed: true },
  { name: "平面图", required: true, form: "original", tolerable: true },
] as const;

let itemId: string;
let crossRegionItemId: string;

/** An item handled at the Haidian center, with a guide whose materials exercise every path. */
async function residentItem(guide = {}) {
  const item = await givenItem();
  await as("admin").post(
    `/v1/items/${item.id}/guides`,
    guideInput({ materials: [...materials], checkpoints: ["申请人名称与营业执照一致"], ...guide }),
  );
  await request("PUT", `/v1/centers/${seeded.haidian}/items/${item.id}`, {
    as: "admin",
    body: residentStatus(),
  });
  return item.id;
}

beforeAll(async () => {
  itemId = await residentItem();
  const other = await givenItem();
  await as("admin").post(`/v1/items/${other.id}/guides`, guideInput({ crossRegion: "beijing" }));
  await request("PUT", `/v1/centers/${seeded.otherDistrict}/items/${other.id}`, {
    as: "cityAdmin",
    body: residentStatus(),
  });
  crossRegionItemId = other.id;
  await drain();
});

const organisation = { ...demoApplicants.organisation, contact: { ...demoApplicants.organisation.contact } };

function submission(overrides: Record<string, unknown> = {}) {
  return {
    itemId,
    centerId: seeded.haidian,
    channel: "window",
    applicant: organisation,
    materials: [
      { name: "申请表", provided: "paper" },
      { name: "管理制度", provided: "commitment", pledge },
      { name: "平面图", provided: "paper" },
    ],
    ...overrides,
  };
}

const submit = async (overrides: Record<string, unknown> = {}) => {
  const res = await as("clerk").post("/v1/applications", submission(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const decide = (id: string, body: unknown, user: "clerk" | "subdistrictClerk" = "clerk") =>
  as(user).post(`/v1/applications/${id}/acceptance`, body);

describe("submitting applications (art. 25, 36, 37)", () => {
  it("lays materials against the guide: an e-license needs no paper, a pledge is recorded", async () => {
    const app = await submit({
      materials: [{ name: "申请表" }, { name: "管理制度", provided: "commitment", pledge }],
    });
    expect(app).toMatchObject({ state: "submitted", channel: "window", guide: { version: 1 } });
    const byName = Object.fromEntries(app.materials.map((m: { name: string }) => [m.name, m]));
    expect(byName["营业执照"]).toMatchObject({
      status: "eLicense",
      eLicense: { number: organisation.creditCode },
    });
    expect(byName["管理制度"]).toMatchObject({ status: "commitment", pledge });
    expect(byName["平面图"].status).toBe("missing");
    const read = await as("clerk").get(`/v1/applications/${app.id}`);
    expect(read.body.history.map((h: { type: string }) => h.type)).toEqual(["application.submitted"]);
    expect(read.body.history[0].data).toMatchObject({
      missingRequired: ["平面图"],
      applicantKind: "organisation",
    });
  });

  it("lets an applicant submit online for themself, and see it", async () => {
    const res = await as("applicant").post(
      "/v1/applications",
      submission({ channel: "online", applicant: demoApplicants.person }),
    );
    const mine = await as("applicant").get("/v1/applications");
    expect(res.status).toBe(201);
    expect(res.body.ownerId).toBeDefined();
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(res.body.id);
  });

  it("names invalid ID numbers, credit codes and materials outside the guide", async () => {
    const id = await as("clerk").post(
      "/v1/applications",
      submission({ applicant: { ...demoApplicants.person, idNumber: "110105194912310021" } }),
    );
    const code = await as("clerk").post(
      "/v1/applications",
      submission({ applicant: { ...organisation, creditCode: "9144030071526726XH" } }),
    );
    const material = await as("clerk").post(
      "/v1/applications",
      submission({ materials: [{ name: "房产证明" }] }),
    );
    expect(id.status).toBe(400);
    expect(id.body.errors[0].path).toEqual(["applicant", "idNumber"]);
    expect(code.body.errors[0].path).toEqual(["applicant", "creditCode"]);
    expect(material.body.errors[0].path).toEqual(["materials", 0, "name"]);
  });

  it("shows the center's worklist with ID and phone numbers masked, to every staff role (issue 15)", async () => {
    // Arrange: a person's case, waiting for acceptance
    await submit({ applicant: demoApplicants.person });
    // Act
    const lists = await Promise.all(
      (["clerk", "approver", "supervisor", "admin"] as const).map((role) =>
        as(role).get("/v1/applications?state=submitted&limit=100"),
      ),
    );
    // Assert
    for (const list of lists) {
      expect(list.status).toBe(200);
      const people = list.body.items.filter(
        (a: { applicant: { kind: string } }) => a.applicant.kind === "person",
      );
      expect(people.length).toBeGreaterThan(0);
      const text = JSON.stringify(list.body.items);
      expect(text).not.toContain(demoApplicants.person.idNumber);
      expect(text).not.toContain(demoApplicants.person.phone);
      expect(people[0].applicant).toMatchObject({ idNumber: "110105********002X", phone: "139****5678" });
    }
  });

  it("names an ID number no one can hold and a name that is not plain text (issue 15)", async () => {
    // 18991231: born before 1900; region 99: no province; both with a valid check character
    const ids = ["11010518991231002", "99010519491231002"].map(
      (first17) => `${first17}${residentIdCheck(first17)}`,
    );
    const answers = await Promise.all([
      ...ids.map((idNumber) =>
        as("clerk").post(
          "/v1/applications",
          submission({ applicant: { ...demoApplicants.person, idNumber } }),
        ),
      ),
      ...["\u200B\u200B", "张\u0000三", "\u202E三张"].map((name) =>
        as("clerk").post("/v1/applications", submission({ applicant: { ...demoApplicants.person, name } })),
      ),
    ]);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400]);
    expect(answers.map((a) => a.body.errors[0].path.join("."))).toEqual([
      "applicant.idNumber",
      "applicant.idNumber",
      "applicant.name",
      "applicant.name",
      "applicant.name",
    ]);
  });

  it("refuses an item the center does not handle, and accepts it cross-region when the guide allows (art. 38)", async () => {
    const here = await as("clerk").post(
      "/v1/applications",
      submission({ itemId: crossRegionItemId, materials: [] }),
    );
    const remote = await as("clerk").post(
      "/v1/applications",
      submission({
        itemId: crossRegionItemId,
        materials: [],
        crossRegion: { homeCenterId: seeded.otherDistrict },
      }),
    );
    expect(here.status).toBe(422);
    expect(remote.status).toBe(201);
    expect(remote.body).toMatchObject({
      centerId: seeded.haidian,
      crossRegion: { homeCenterId: seeded.otherDistrict },
    });
  });

  it("creates one application for a resubmission with the same Idempotency-Key", async () => {
    const key = randomUUID();
    const first = await as("clerk").post("/v1/applications", submission(), { "idempotency-key": key });
    const again = await as("clerk").post("/v1/applications", submission(), { "idempotency-key": key });
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });

  it("submits a one-thing bundle as linked cases, all or none (art. 34)", async () => {
    const second = await residentItem();
    await drain();
    const items = [
      { itemId, materials: [{ name: "申请表" }] },
      { itemId: second, materials: [{ name: "申请表" }] },
    ];
    const bundle = await as("clerk").post("/v1/applications/bundles", { ...submission(), items });
    const broken = await as("clerk").post("/v1/applications/bundles", {
      ...submission(),
      items: [items[0], { itemId: second, materials: [{ name: "房产证明" }] }],
    });
    expect(bundle.status).toBe(201);
    expect(bundle.body.applications).toHaveLength(2);
    expect(new Set(bundle.body.applications.map((a: { bundleId: string }) => a.bundleId))).toEqual(
      new Set([bundle.body.bundleId]),
    );
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0].path).toEqual(["items", 1, "materials", 0, "name"]);
  });
});

describe("an application stored whole, before issue 21", () => {
  /** The layout before issue 21: one `app` item with the case in it and the worklist's keys; no `app#case`. */
  async function storedWhole(id: string) {
    const key = (sk: string) => ({ pk: `app#${id}`, sk });
    const [{ Item: submitted }, { Item: kase }] = await Promise.all([
      db.send(new GetCommand({ TableName: stack.tables.intake, Key: key("app"), ConsistentRead: true })),
      db.send(new GetCommand({ TableName: stack.tables.intake, Key: key("app#case"), ConsistentRead: true })),
    ]);
    const { pk: _pk, sk: _sk, entity: _e, ...caseFields } = kase!;
    await db.send(new PutCommand({ TableName: stack.tables.intake, Item: { ...submitted, ...caseFields } }));
    await db.send(new DeleteCommand({ TableName: stack.tables.intake, Key: key("app#case") }));
  }
  const items = async (id: string) =>
    (
      await db.send(
        new QueryCommand({
          TableName: stack.tables.intake,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :app)",
          ExpressionAttributeValues: { ":pk": `app#${id}`, ":app": "app" },
          ConsistentRead: true,
        }),
      )
    ).Items ?? [];
  const listed = async (state: string, id: string) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await as("clerk").get(
        `/v1/applications?state=${state}&limit=100${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      ids.push(...page.body.items.map((a: { id: string }) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    return ids.includes(id);
  };

  it("is read as it is, and split into its submission and its case at its next write", async () => {
    // Arrange
    const app = await submit();
    await storedWhole(app.id);
    expect((await items(app.id)).map((i) => i.sk)).toEqual(["app"]);
    // Act
    const read = await as("clerk").get(`/v1/applications/${app.id}`);
    const wasListed = await listed("submitted", app.id);
    const accepted = await decide(app.id, { outcome: "accepted" });
    // Assert: the same application before; after the decision, the case is its own item and the worklist follows it
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: app.id, state: "submitted", version: 1, materials: app.materials });
    expect(wasListed).toBe(true);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.application).toMatchObject({
      state: "accepted",
      version: 2,
      materials: app.materials,
    });
    const [submission, kase] = await items(app.id);
    expect(submission).toMatchObject({ sk: "app", entity: "application", id: app.id });
    expect(submission).not.toHaveProperty("state");
    expect(submission).not.toHaveProperty("gsi1pk");
    expect(kase).toMatchObject({ sk: "app#case", state: "accepted", version: 2 });
    await drain();
    expect([await listed("submitted", app.id), await listed("accepted", app.id)]).toEqual([false, true]);
    expect((await as("clerk").get(`/v1/applications/${app.id}`)).body).toMatchObject({
      state: "accepted",
      documents: [{ kind: "acceptanceReceipt" }],
    });
  });
});

describe("the four acceptance outcomes (art. 27)", () => {
  it("accepts a complete application with a numbered receipt, as JSON and printable HTML", async () => {
    const app = await submit();
    const res = await decide(app.id, { outcome: "accepted" });
    expect(res.status).toBe(200);
    expect(res.body.application).toMatchObject({
      state: "accepted",
      documents: [{ kind: "acceptanceReceipt" }],
    });
    expect(res.body.document.number).toMatch(/^\d{4}-\d{6}$/);
    const json = await as("clerk").get(`/v1/applications/${app.id}/documents/${res.body.document.id}`);
    const html = await request(
      "GET",
      `/v1/applications/${app.id}/documents/${res.body.document.id}?format=html`,
      { as: "clerk" },
    );
    expect(json.body).toMatchObject({
      title: "受理凭证",
      addressee: { kind: "organisation", name: organisation.name },
      legalBasis: [
        "《中华人民共和国行政许可法》第三十二条第一款第（五）项",
        "《北京市测试事项管理规定》第五条",
      ],
      seal: {
        sealName: expect.stringContaining("行政审批专用章"),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    expect(json.body.body.slice(0, 3)).toEqual([
      `申请人：${organisation.name}`,
      `申请事项：${json.body.itemName}`,
      `申请编号：${app.id}`,
    ]);
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(html.body).toContain("决定予以受理");
    expect(html.body).toContain(`/v1/applications/${app.id}/documents/${res.body.document.id}/verify`);
  });

  it("seals receipts and notices like review's decisions: anyone holding one verifies it; a tampered copy fails (art. 29)", async () => {
    // Arrange
    const app = await submit({ materials: [{ name: "申请表" }] });
    const notice = await decide(app.id, {
      outcome: "correction",
      items: [{ material: "平面图", reason: "未提交" }],
    });
    expect(notice.status, JSON.stringify(notice.body)).toBe(200);
    const { id: documentId, seal } = notice.body.document;
    const path = `/v1/applications/${app.id}/documents/${documentId}/verify`;
    // Act: verify with no sign-in, the stored copy, then a presented copy that differs, then after tampering
    const verified = await anonymous.get(path);
    const presented = await anonymous.get(`${path}?sha256=${seal.sha256.toUpperCase()}`);
    const wrongCopy = await anonymous.get(`${path}?sha256=${"0".repeat(64)}`);
    await db.send(
      new UpdateCommand({
        TableName: stack.tables.intake,
        Key: { pk: `app#${app.id}`, sk: `doc#${documentId}` },
        UpdateExpression: "SET title = :t",
        ExpressionAttributeValues: { ":t": "受理凭证" },
      }),
    );
    const tampered = await anonymous.get(path);
    const unknown = await anonymous.get(
      `/v1/applications/${app.id}/documents/doc_01JSEED0000000000000009999/verify`,
    );
    // Assert
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({
      documentId,
      title: "补齐补正通知书",
      intact: true,
      signatureValid: true,
      valid: true,
      sealedBy: { name: seal.sealName, centerId: seeded.haidian },
    });
    expect(verified.body.sealedBy).not.toHaveProperty("departmentId");
    expect(presented.body).toMatchObject({ presentedCopyMatches: true, valid: true });
    expect(wrongCopy.body).toMatchObject({ intact: true, presentedCopyMatches: false, valid: false });
    expect(tampered.body).toMatchObject({ intact: false, valid: false });
    expect(unknown.status).toBe(404);
  });

  it("will not accept with a required material missing", async () => {
    const app = await submit({ materials: [{ name: "申请表" }] });
    const res = await decide(app.id, { outcome: "accepted" });
    expect(res.status).toBe(422);
    expect(res.body.rule).toBe("materials-missing");
  });

  it("binds a correction notice to the guide, and a supplement returns the case to acceptance (art. 27(二))", async () => {
    const app = await submit({
      materials: [{ name: "申请表" }, { name: "管理制度", provided: "commitment", pledge }],
    });
    const outside = await decide(app.id, {
      outcome: "correction",
      items: [
        { material: "平面图", reason: "未提交" },
        { material: "房产证明", reason: "需补充" },
      ],
    });
    const notice = await decide(app.id, {
      outcome: "correction",
      items: [
        { material: "平面图", reason: "未提交经营场所平面布局图" },
        { checkpoint: "申请人名称与营业执照一致", reason: "名称不一致" },
      ],
    });
    const notAsked = await as("clerk").post(`/v1/applications/${app.id}/supplements`, {
      materials: [{ name: "平面图" }, { name: "申请表" }],
    });
    const supplied = await as("clerk").post(`/v1/applications/${app.id}/supplements`, {
      materials: [{ name: "平面图" }],
    });
    const accepted = await decide(app.id, { outcome: "accepted" });
    expect(outside.status).toBe(400);
    // only what the notice cites comes back (the notice asked for 平面图, not 申请表)
    expect(notAsked.status).toBe(400);
    expect(notAsked.body.errors).toEqual([
      { path: ["materials", 1, "name"], message: "not asked for by the correction notice" },
    ]);
    expect(outside.body.errors[0].path).toEqual(["items", 1, "material"]);
    expect(notice.status).toBe(200);
    expect(notice.body.application.state).toBe("awaitingCorrection");
    expect(notice.body.document.body.join("")).toContain("一次性告知");
    expect(supplied.body.state).toBe("submitted");
    expect(supplied.body.materialsArrivedAt > app.materialsArrivedAt).toBe(true);
    expect(accepted.body.application.state).toBe("accepted");
  });

  it("accepts with deficiencies only tolerable ones, and curing them completes acceptance (art. 27(三))", async () => {
    const app = await submit({
      materials: [{ name: "申请表" }, { name: "管理制度", provided: "commitment", pledge }],
    });
    const tolerant = await decide(app.id, { outcome: "tolerant" });
    const wrong = await as("clerk").post(`/v1/applications/${app.id}/supplements`, {
      materials: [{ name: "申请表" }],
    });
    const cured = await as("clerk").post(`/v1/applications/${app.id}/supplements`, {
      materials: [{ name: "平面图" }],
    });
    const history = await as("clerk").get(`/v1/applications/${app.id}`);
    expect(tolerant.body.application).toMatchObject({
      state: "acceptedWithDeficiencies",
      deficiencies: { materials: ["平面图"] },
    });
    expect(tolerant.body.document.title).toBe("容缺受理通知书");
    expect(wrong.status).toBe(400);
    expect(cured.body.state).toBe("accepted");
    expect(history.body.history.map((h: { type: string }) => h.type)).toEqual([
      "application.submitted",
      "application.accepted-with-deficiencies",
      "application.deficiency-cured",
    ]);
  });

  it("refuses to tolerate a material the guide does not mark tolerable", async () => {
    const app = await submit({ materials: [{ name: "平面图" }] });
    const res = await decide(app.id, { outcome: "tolerant" });
    expect(res.status).toBe(422);
    expect(res.body.rule).toBe("not-tolerable");
  });

  it("rejects with reasons, and decides only once", async () => {
    const app = await submit();
    const noReasons = await decide(app.id, { outcome: "rejected", reasons: [] });
    const rejected = await decide(app.id, { outcome: "rejected", reasons: ["申请事项不属于本机关职权范围"] });
    const again = await decide(app.id, { outcome: "accepted" });
    expect(noReasons.status).toBe(400);
    expect(rejected.body.document.title).toBe("不予受理凭证");
    expect(again.status).toBe(409);
    expect(again.body.type).toBe("urn:govservice:problem:invalid-transition");
  });

  it("numbers documents without gaps or duplicates per center and year, even under concurrency", async () => {
    // 16 windows deciding at once: each loses the race for the counter (a taken number or a TransactionConflict)
    // until it wins one; none is refused
    const apps = await Promise.all(Array.from({ length: 16 }, () => submit()));
    const decisions = await Promise.all(apps.map((a) => decide(a.id, { outcome: "accepted" })));
    const sequences = decisions.map((d) => Number(d.body.document?.number.slice(5))).sort((a, b) => a - b);
    expect(decisions.map((d) => d.status)).toEqual(apps.map(() => 200));
    expect(new Set(sequences).size).toBe(16);
    expect(sequences.at(-1)! - sequences[0]!).toBe(15);
  });

  it("numbers in each window's own series when the clerk names the window: 40 windows at once, no queue (issue 15)", async () => {
    // Arrange: 40 windows of Haidian, one case each, and two more cases for the first window
    const run = Date.now().toString(36).slice(-4).toUpperCase();
    const windows = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const res = await as("admin").post(`/v1/centers/${seeded.haidian}/windows`, {
          code: `S${run}-${i}`.slice(0, 10),
          type: "generalAcceptance",
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return res.body as { id: string; code: string };
      }),
    );
    await drain();
    const apps = await Promise.all(Array.from({ length: 43 }, () => submit()));
    // Act: every window decides at the same moment; then the first window twice more
    const first = await Promise.all(
      apps.slice(0, 40).map((a, i) => decide(a.id, { outcome: "accepted", windowId: windows[i]!.id })),
    );
    const more = [];
    for (const a of apps.slice(40, 42))
      more.push(await decide(a.id, { outcome: "accepted", windowId: windows[0]!.id }));
    const foreign = await decide(apps[42]!.id, {
      outcome: "accepted",
      windowId: "win_01JSEED0000000000000000999",
    });
    // Assert: all decided, each window's series starts at 1 and goes on without a gap
    expect(first.map((d) => d.status)).toEqual(first.map(() => 200));
    const year = first[0]!.body.document.number.slice(0, 4);
    expect(first.map((d) => d.body.document.number)).toEqual(windows.map((w) => `${year}-${w.code}-000001`));
    expect(more.map((d) => d.body.document.number)).toEqual([
      `${year}-${windows[0]!.code}-000002`,
      `${year}-${windows[0]!.code}-000003`,
    ]);
    expect(foreign.status).toBe(400);
    // The windows close again: open windows set the center's appointment capacity, which other files count on
    for (const w of windows)
      expect(
        (
          await request("PATCH", `/v1/centers/${seeded.haidian}/windows/${w.id}`, {
            as: "admin",
            body: { status: "closed" },
          })
        ).status,
      ).toBe(200);
    await drain();
  });
});

describe("scope", () => {
  it("keeps a clerk of another center and another applicant out", async () => {
    const app = await submit();
    const otherClerk = await decide(app.id, { outcome: "accepted" }, "subdistrictClerk");
    const stranger = (
      await request("POST", "/_local/token", { body: { role: "applicant", sub: "usr_stranger" } })
    ).body.token;
    const read = await request("GET", `/v1/applications/${app.id}`, { token: stranger });
    expect(otherClerk.status).toBe(403);
    expect(read.status).toBe(403);
  });
});

describe("who may accept (art. 26)", () => {
  /** A window clerk of the Haidian center: of a department's own window, or (no department) a comprehensive one. */
  const clerkOf = async (departmentId?: string) =>
    (
      await request("POST", "/_local/token", {
        body: {
          role: "clerk",
          sub: `usr_clerk_${departmentId ?? "front"}`,
          centerId: seeded.haidian,
          departmentId,
        },
      })
    ).body.token as string;
  const acceptAs = (token: string, id: string) =>
    request("POST", `/v1/applications/${id}/acceptance`, { token, body: { outcome: "accepted" } });
  /** An item of the first seeded department, resident in Haidian with `status` (delegated or not). */
  async function itemWith(status: Record<string, unknown>) {
    const item = await givenItem({ departmentId: seeded.haidianDepartments[0] });
    await as("admin").post(`/v1/items/${item.id}/guides`, guideInput());
    const put = await request("PUT", `/v1/centers/${seeded.haidian}/items/${item.id}`, {
      as: "admin",
      body: status,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await drain();
    return item.id;
  }
  const applyFor = (id: string) =>
    submit({
      itemId: id,
      applicant: demoApplicants.person,
      materials: [{ name: "申请表" }, { name: "身份证明" }],
    });

  it("refuses a comprehensive-window clerk an item whose department delegated nothing, and lets its own window accept it", async () => {
    // Arrange
    const undelegated = await itemWith({ status: "resident" });
    const app = await applyFor(undelegated);
    // Act
    const front = await acceptAs(await clerkOf(), app.id);
    const own = await acceptAs(await clerkOf(seeded.haidianDepartments[0]), app.id);
    // Assert
    expect(front.status).toBe(422);
    expect(front.body).toMatchObject({ rule: "acceptance-not-delegated" });
    expect(front.body.detail).toContain("art. 26");
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.application.state).toBe("accepted");
  });

  it("refuses another department's window clerk (403), and lets a comprehensive window accept under a delegation in force", async () => {
    const delegated = await itemWith(residentStatus());
    const app = await applyFor(delegated);
    const otherDepartment = await acceptAs(await clerkOf(seeded.haidianDepartments[1]), app.id);
    const front = await acceptAs(await clerkOf(), app.id);
    expect(otherDepartment.status).toBe(403);
    expect(otherDepartment.body.detail).toContain("art. 26");
    expect(front.status, JSON.stringify(front.body)).toBe(200);
  });

  it("refuses a comprehensive-window clerk once the delegation agreement has expired", async () => {
    const expired = await itemWith(
      residentStatus({
        delegation: {
          agreementRef: "进驻事项委托受理协议〔2024〕第9号",
          materials: ["申请表"],
          validUntil: "2025-12-31",
        },
      }),
    );
    const app = await applyFor(expired);
    const front = await acceptAs(await clerkOf(), app.id);
    expect(front.status).toBe(422);
    expect(front.body.detail).toContain("not in force");
  });
});

describe("the case follows review and delivery (issue 16), with no record of their events kept (issue 21)", () => {
  it("applies an event delivered twice once: one step and one change of the case; the second is a duplicate", async () => {
    // Arrange: an accepted case, and delivery's event about it
    const since = new Date().toISOString();
    const app = await submit();
    expect((await decide(app.id, { outcome: "accepted" })).status).toBe(200);
    const now = new Date().toISOString();
    const opened = {
      id: `evt_${ulid()}`,
      type: "delivery.opened",
      version: 1,
      occurredAt: now,
      source: "delivery",
      subject: app.id,
      correlationId: randomUUID(),
      actor: { id: "system:delivery", role: "system" },
      data: {
        applicationId: app.id,
        centerId: seeded.haidian,
        deliveryId: `dlv_${ulid()}`,
        decision: "approved",
        documentId: `rdoc_${ulid()}`,
        offeredMethods: ["window"],
        openedAt: now,
      },
    };
    // Act: delivered twice, one after the other
    for (let i = 0; i < 2; i++) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: stack.queues["intake-events"]!,
          MessageBody: JSON.stringify(opened),
        }),
      );
      await drain();
    }
    // Assert
    const read = await as("clerk").get(`/v1/applications/${app.id}`);
    expect(read.body).toMatchObject({
      state: "accepted",
      version: 3,
      delivery: { progress: "awaitingChoice" },
    });
    expect(read.body.history.filter((e: { id: string }) => e.id === opened.id)).toHaveLength(1);
    const outcomes = (await attemptsSince(since, "intake-events")).filter((a) => a.eventId === opened.id);
    expect(outcomes.map((a) => a.outcome)).toEqual(["applied", "duplicate"]);
  });
});

describe("deemed acceptance (行政许可法 art. 32)", () => {
  async function expire(application: { id: string; materialsArrivedAt: string }, again?: { id: string }) {
    const envelope = {
      id: `evt_${ulid()}`,
      type: "clock.acceptance-window-expired",
      version: 1,
      occurredAt: new Date().toISOString(),
      source: "monitoring",
      subject: application.id,
      correlationId: randomUUID(),
      actor: { id: "system:sweep", role: "system" },
      data: {
        applicationId: application.id,
        centerId: seeded.haidian,
        materialsArrivedAt: application.materialsArrivedAt,
        deadline: new Date().toISOString(),
      },
      // the very same event delivered again
      ...again,
    };
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.queues["intake-events"]!,
        MessageBody: JSON.stringify(envelope),
      }),
    );
    await drain();
    return envelope;
  }

  it("accepts as of the materials' arrival when supervision reports the window expired", async () => {
    const app = await submit({ materials: [{ name: "申请表" }] });
    await expire(app);
    const read = await as("clerk").get(`/v1/applications/${app.id}`);
    expect(read.body).toMatchObject({ state: "accepted", acceptedAt: app.materialsArrivedAt });
    expect(read.body.documents[0].kind).toBe("deemedAcceptanceReceipt");
    expect(read.body.history.at(-1).type).toBe("application.deemed-accepted");
  });

  it("applies a report delivered twice once: the second finds the receipt and is a duplicate (no record kept, issue 21)", async () => {
    // Arrange
    const since = new Date().toISOString();
    const app = await submit({ materials: [{ name: "申请表" }] });
    const report = await expire(app);
    // Act
    await expire(app, report);
    // Assert
    const read = await as("clerk").get(`/v1/applications/${app.id}`);
    expect(read.body.documents.map((d: { kind: string }) => d.kind)).toEqual(["deemedAcceptanceReceipt"]);
    expect(
      read.body.history.filter((e: { type: string }) => e.type === "application.deemed-accepted"),
    ).toHaveLength(1);
    const outcomes = (await attemptsSince(since, "intake-events")).filter((a) => a.eventId === report.id);
    expect(outcomes.map((a) => a.outcome)).toEqual(["applied", "duplicate"]);
  });

  it("decides until the fifth working day; after it refuses a notice (409, art. 32) and deems the case accepted there and then", async () => {
    // Arrange: the sweep held back, so what the request does is what is shown (the sweep is the backstop).
    expect((await request("POST", "/_local/schedules/monitoring-clock-sweep/pause")).status).toBe(200);
    try {
      const onTime = await submit({ materials: [{ name: "申请表" }] });
      const late = await submit({ materials: [{ name: "申请表" }] });
      // The day the materials arrived, in Beijing (the window counts working days from the day after it).
      const arrival = new Date(Date.parse(late.materialsArrivedAt) + 8 * 3_600_000)
        .toISOString()
        .slice(0, 10);
      const until = new Date(Date.parse(arrival) + 40 * 86_400_000).toISOString().slice(0, 10);
      const days = (
        await anonymous.get(`/v1/calendar/workdays?from=${arrival}&to=${until}&centerId=${seeded.haidian}`)
      ).body.workdays as string[];
      const [fifth, sixth] = days.filter((d) => d > arrival).slice(4, 6) as [string, string];
      const correction = { outcome: "correction", items: [{ material: "平面图", reason: "请补充平面图" }] };
      // Act
      await setClock(`${fifth}T23:00:00+08:00`);
      forgetTokens();
      const lastDay = await decide(onTime.id, correction);
      await setClock(`${sixth}T09:30:00+08:00`);
      forgetTokens();
      const afterwards = await decide(late.id, correction);
      const read = await as("clerk").get(`/v1/applications/${late.id}`);
      // Assert
      expect(lastDay.status, JSON.stringify(lastDay.body)).toBe(200);
      expect(afterwards.status, JSON.stringify(afterwards.body)).toBe(409);
      expect(afterwards.body).toMatchObject({
        type: "urn:govservice:problem:acceptance-window-passed",
        article: "行政许可法 art. 32",
        windowLastDay: fifth,
        acceptedAsOf: late.materialsArrivedAt,
      });
      expect(read.body).toMatchObject({ state: "accepted", acceptedAt: late.materialsArrivedAt });
      expect(read.body.documents.map((d: { kind: string }) => d.kind)).toEqual(["deemedAcceptanceReceipt"]);
      expect(afterwards.body.receiptDocumentId).toBe(read.body.documents[0].id);
    } finally {
      await request("POST", "/_local/schedules/monitoring-clock-sweep/resume");
      await drain();
    }
  });

  it("ignores a report about materials since supplemented, or a case already decided", async () => {
    const app = await submit();
    await decide(app.id, { outcome: "rejected", reasons: ["不符合受理条件"] });
    await expire(app);
    const read = await as("clerk").get(`/v1/applications/${app.id}`);
    expect(read.body.state).toBe("rejected");
  });
});

describe("consultations (art. 19–20, 23–24)", () => {
  it("records the first-contact owner and attaches the one-time notice", async () => {
    const res = await as("clerk").post("/v1/consultations", {
      channel: "onSite",
      applicant: { name: "赵先生", phone: "13700001111" },
      itemId,
      question: "办理食品经营许可需要哪些材料？",
      answer: "已一次性告知所需材料和流程。",
    });
    const elsewhere = await request("GET", `/v1/consultations/${res.body.id}`, { as: "subdistrictClerk" });
    expect(res.status).toBe(201);
    expect(res.body.firstContactOwnerId).toBeDefined();
    expect(res.body.oneTimeNotice.materials.map((m: { name: string }) => m.name)).toEqual(
      materials.map((m) => m.name),
    );
    expect(elsewhere.status).toBe(403);
    expect(res.body.oneTimeNotice.place).toMatchObject({ centerId: seeded.haidian });
  });

  it("makes the clerk who takes an application in its first-contact owner, and for an online one the first clerk to decide on it (art. 19)", async () => {
    // Arrange / Act
    const atWindow = await submit();
    const online = await as("applicant").post(
      "/v1/applications",
      submission({ channel: "online", applicant: demoApplicants.person }),
    );
    const before = online.body.firstContact;
    const decided = await decide(online.body.id, {
      outcome: "correction",
      items: [{ material: "营业执照", reason: "未提交" }],
    });
    // Assert
    expect(atWindow.firstContact).toEqual({ ownerId: seedUsers.clerk.sub, at: atWindow.submittedAt });
    expect(before).toBeUndefined();
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.application.firstContact.ownerId).toBe(seedUsers.clerk.sub);
    const read = await as("applicant").get(`/v1/applications/${online.body.id}`);
    expect(read.body.firstContact.ownerId).toBe(seedUsers.clerk.sub);
  });

  it("tells, for a center, where, when and whom to ask, the legal basis and what may be cured later (art. 20, 37)", async () => {
    // Arrange
    const center = (await anonymous.get(`/v1/centers/${seeded.haidian}`)).body;
    // Act
    const notice = await anonymous.get(`/v1/items/${itemId}/one-time-notice?centerId=${seeded.haidian}`);
    const nowhere = await anonymous.get(
      `/v1/items/${itemId}/one-time-notice?centerId=${seeded.remoteTownship}`,
    );
    // Assert
    expect(notice.status, JSON.stringify(notice.body)).toBe(200);
    expect(notice.body.place).toMatchObject({ name: center.name, address: center.address });
    expect(notice.body.place.hours[0]).toMatch(/^工作日 \d{2}:\d{2}—\d{2}:\d{2}/);
    expect(notice.body.consultationPhone).toBe(center.consultationPhone);
    expect(notice.body.legalBasis).toEqual(["《北京市测试事项管理规定》第五条"]);
    expect(notice.body.materials.find((m: { name: string }) => m.name === "平面图").tolerable).toBe(true);
    expect(notice.body.text).toContain("容缺受理：平面图暂缺时可先行受理，限期补正");
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.errors[0].path).toEqual(["query", "centerId"]);
  });
});
