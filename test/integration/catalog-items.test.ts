import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { anonymous, as, db, drain, request, stack } from "./support/api.ts";
import { givenItem, guideInput, itemInput } from "./support/factories.ts";
import { seeded } from "./support/seed.ts";

const status = (centerId: string, itemId: string, body: unknown, user: "admin" | "cityAdmin" = "admin") =>
  request("PUT", `/v1/centers/${centerId}/items/${itemId}`, { as: user, body });

async function itemWithGuide(guide = guideInput()) {
  const item = await givenItem();
  const published = await as("admin").post(`/v1/items/${item.id}/guides`, guide);
  expect(published.status).toBe(201);
  return item;
}

describe("service items and guides (art. 17–20)", () => {
  it("names the unknown department and the malformed code", async () => {
    const res = await as("admin").post(
      "/v1/items",
      itemInput({ departmentId: "dep_01JSEED0000000000000000999" }),
    );
    const code = await as("admin").post("/v1/items", itemInput({ code: "x" }));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toEqual(["departmentId"]);
    expect(code.body.errors[0].path).toEqual(["code"]);
  });

  it("refuses an appointment-only guide without the approval reference (art. 22)", async () => {
    const item = await givenItem();
    const res = await as("admin").post(
      `/v1/items/${item.id}/guides`,
      guideInput({ appointment: { mode: "appointmentOnly" } }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toEqual(["appointment", "approvalRef"]);
  });

  it("keeps every guide version and serves the one asked for", async () => {
    const item = await itemWithGuide(guideInput({ committedLimitDays: 9 }));
    await as("admin").post(
      `/v1/items/${item.id}/guides`,
      guideInput({ committedLimitDays: 4, crossRegion: "jingJinJi" }),
    );
    const current = await anonymous.get(`/v1/items/${item.id}`);
    const first = await anonymous.get(`/v1/items/${item.id}?version=1`);
    const missing = await anonymous.get(`/v1/items/${item.id}?version=3`);
    expect(current.body.guide).toMatchObject({ version: 2, committedLimitDays: 4, crossRegion: "jingJinJi" });
    expect(first.body.guide).toMatchObject({ version: 1, committedLimitDays: 9, crossRegion: "none" });
    expect(missing.status).toBe(404);
  });
});

describe("item search and filters", () => {
  it("finds items by a Chinese keyword and by code, once indexed", async () => {
    const item = await givenItem({ name: "城市道路临时占用许可（测试）" });
    await drain();
    const byName = await anonymous.get(`/v1/items?q=${encodeURIComponent("道路临时占用")}`);
    const byCode = await anonymous.get(`/v1/items?q=${encodeURIComponent(item.code.slice(0, 8))}`);
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((i: { id: string }) => i.id)).toContain(item.id);
    expect(byCode.body.items.map((i: { id: string }) => i.id)).toContain(item.id);
  });

  it("finds seeded items and returns nothing for words no item has", async () => {
    const food = await anonymous.get(`/v1/items?q=${encodeURIComponent("食品经营")}`);
    const none = await anonymous.get(`/v1/items?q=${encodeURIComponent("宇宙飞船")}`);
    expect(food.body.items.map((i: { id: string }) => i.id)).toContain(seeded.foodLicence.id);
    expect(none.body.items).toEqual([]);
  });

  it("filters by department and level, and pages with a cursor", async () => {
    const department = seeded.foodLicence.input.departmentId;
    const first = await anonymous.get(`/v1/items?departmentId=${department}&limit=1`);
    const second = await anonymous.get(
      `/v1/items?departmentId=${department}&limit=1&cursor=${first.body.nextCursor}`,
    );
    const byLevel = await anonymous.get("/v1/items?level=subdistrict&limit=100");
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0].departmentId).toBe(department);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(byLevel.body.items.every((i: { level: string }) => i.level === "subdistrict")).toBe(true);
  });

  it("narrows the same list of item summaries by center; a center's statuses are a resource of their own (issue 16)", async () => {
    // Act
    const narrowed = await anonymous.get(`/v1/items?centerId=${seeded.haidian}&limit=100`);
    const plain = await anonymous.get(`/v1/items?limit=5`);
    const statuses = await anonymous.get(`/v1/centers/${seeded.haidian}/items?limit=100`);
    const resident = await anonymous.get(`/v1/centers/${seeded.haidian}/items?status=resident&limit=100`);
    const noCenter = await anonymous.get(`/v1/centers/ctr_01JSEED0000000000000000999/items`);
    // Assert: one item shape in both lists of items
    const keys = (items: object[]) => [...new Set(items.map((i) => Object.keys(i).sort().join()))];
    expect(narrowed.body.items.length).toBeGreaterThan(10);
    expect(keys(narrowed.body.items)).toEqual(["code,departmentId,id,level,name"]);
    expect(keys(plain.body.items)).toEqual(["code,departmentId,id,level,name"]);
    expect(statuses.body.items.length).toBe(narrowed.body.items.length);
    expect(statuses.body.items.every((s: { centerId: string }) => s.centerId === seeded.haidian)).toBe(true);
    expect(statuses.body.items[0]).toMatchObject({
      item: { id: expect.any(String), name: expect.any(String) },
    });
    expect(resident.body.items.every((s: { status: string }) => s.status === "resident")).toBe(true);
    expect(noCenter.status).toBe(404);
  });

  it("refuses a one-character query or a forged cursor", async () => {
    const short = await anonymous.get(`/v1/items?q=${encodeURIComponent("证")}`);
    const forged = await anonymous.get(`/v1/items?cursor=${Buffer.from('{"pk":"x"}').toString("base64url")}`);
    expect(short.status).toBe(400);
    expect(forged.status).toBe(400);
  });
});

describe("an item's status in a center (art. 18, 26, 28, 35)", () => {
  it("records delegated acceptance and authorized approval, and announces it", async () => {
    const item = await itemWithGuide();
    const res = await status(seeded.haidian, item.id, {
      status: "resident",
      delegation: { agreementRef: "海淀区进驻事项委托受理协议〔2026〕第1号", materials: ["申请表"] },
      authorization: { listRef: "海淀区授权审批事项清单（2026版）第9项", deciders: ["chiefRep"] },
    });
    await drain();
    const read = await anonymous.get(`/v1/centers/${seeded.haidian}/items/${item.id}`);
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: stack.tables.catalog,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :evt)",
        ExpressionAttributeValues: { ":pk": `center#${seeded.haidian}`, ":evt": "evt#" },
        ScanIndexForward: false,
      }),
    );
    expect(res.status).toBe(200);
    expect(read.body).toMatchObject({
      status: "resident",
      guideVersion: 1,
      delegation: { materials: ["申请表"] },
    });
    expect(
      Items.find((e) => e.type === "item.status-changed" && e.data.itemId === item.id)?.data.status
        .authorization.deciders,
    ).toEqual(["chiefRep"]);
  });

  it("refuses a delegation naming a material the guide does not have, naming the field", async () => {
    const item = await itemWithGuide();
    const res = await status(seeded.haidian, item.id, {
      status: "resident",
      delegation: { agreementRef: "协议〔2026〕第2号", materials: ["申请表", "房产证明"] },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: ["delegation", "materials", 1] })]);
  });

  it("puts an item on the negative list with reason and approval, and keeps windows from serving it", async () => {
    const item = await itemWithGuide();
    const incomplete = await status(seeded.haidian, item.id, { status: "excluded" });
    const excluded = await status(seeded.haidian, item.id, {
      status: "excluded",
      exclusion: {
        reason: "stateSecret",
        detail: "涉及国家秘密，不宜进驻",
        approvalRef: "海政服〔2026〕5号",
      },
    });
    const window = await as("admin").post(`/v1/centers/${seeded.haidian}/windows`, {
      code: "Z81",
      type: "generalAcceptance",
      itemIds: [item.id],
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors[0].path).toEqual(["exclusion"]);
    expect(excluded.status).toBe(200);
    expect(window.status).toBe(422);
    expect(window.body.errors[0].path).toEqual(["itemIds", 0]);
  });

  it("keeps items from sinking below the level their guide allows (art. 35)", async () => {
    const item = await itemWithGuide(guideInput({ lowestLevel: "district" }));
    const res = await status(seeded.subdistrict, item.id, { status: "resident" });
    expect(res.status).toBe(422);
    expect(res.body.rule).toBe("sink-down");
  });

  it("runs authorized approval only in city and district centers (art. 28)", async () => {
    const item = await itemWithGuide(guideInput({ lowestLevel: "subdistrict" }));
    const res = await status(seeded.subdistrict, item.id, {
      status: "resident",
      authorization: { listRef: "清单第1项", deciders: ["approver"] },
    });
    expect(res.status).toBe(422);
    expect(res.body.rule).toBe("authorization-center");
  });

  it("refuses a district admin changing another district's statuses (403)", async () => {
    const item = await itemWithGuide();
    const res = await status(seeded.otherDistrict, item.id, { status: "resident" });
    expect(res.status).toBe(403);
  });
});
