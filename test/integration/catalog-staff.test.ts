import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { anonymous, as, db, request, stack } from "./support/api.ts";
import { seeded } from "./support/seed.ts";

function clerkInput(overrides: Record<string, unknown> = {}) {
  return {
    name: "测试窗口人员",
    role: "clerk",
    centerId: seeded.haidian,
    duty: "综合受理",
    employmentType: "contract",
    stationedOn: "2026-09-01",
    phone: "13812345678",
    idNumber: "11010519491231002X",
    ...overrides,
  };
}

describe("the staff roster (art. 43–50)", () => {
  it("names invalid personal data and a missing department", async () => {
    const res = await as("admin").post(
      "/v1/staff",
      clerkInput({ phone: "12345", idNumber: "110105194912310021" }),
    );
    const approver = await as("admin").post("/v1/staff", clerkInput({ role: "approver" }));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string[] }) => e.path.join(".")).sort()).toEqual([
      "idNumber",
      "phone",
    ]);
    expect(approver.status).toBe(400);
    expect(approver.body.errors[0].path).toEqual(["departmentId"]);
  });

  it("masks personal data in lists and keeps it off the public card", async () => {
    const created = await as("admin").post("/v1/staff", clerkInput({ name: "张测试" }));
    const full = await as("admin").get(`/v1/staff/${created.body.id}`);
    const list = await as("supervisor").get(`/v1/centers/${seeded.haidian}/staff?limit=100`);
    const card = await anonymous.get(`/v1/staff/${created.body.id}/card`);
    expect(created.status).toBe(201);
    expect(created.body.phone).toBe("138****5678");
    expect(full.body.idNumber).toBe("11010519491231002X");
    const listed = list.body.items.find((s: { id: string }) => s.id === created.body.id);
    expect(listed).toMatchObject({ phone: "138****5678", idNumber: "110105********002X" });
    expect(card.body).toEqual({
      id: created.body.id,
      name: "张测试",
      duty: "综合受理",
      role: "clerk",
      centerId: seeded.haidian,
    });
  });

  it("files an assignment change with the previous assignment (art. 46)", async () => {
    const created = await as("admin").post("/v1/staff", clerkInput());
    const filed = await as("admin").post(`/v1/staff/${created.body.id}/assignments`, {
      duty: "帮办代办",
      keyPost: true,
      effectiveOn: "2026-12-01",
      reason: "岗位调整",
    });
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: stack.tables.catalog,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :evt)",
        ExpressionAttributeValues: { ":pk": `staff#${created.body.id}`, ":evt": "evt#" },
      }),
    );
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ duty: "帮办代办", keyPost: true, version: 2 });
    const filing = Items.find((e) => e.type === "staff.assignment-filed");
    expect(filing?.data).toMatchObject({
      previous: { keyPost: false, role: "clerk" },
      reason: "岗位调整",
      effectiveOn: "2026-12-01",
    });
    expect(JSON.stringify(filing)).not.toContain("13812345678");
  });

  it("refuses moving someone to a center the admin does not administer (403)", async () => {
    const created = await as("admin").post("/v1/staff", clerkInput());
    const res = await as("admin").post(`/v1/staff/${created.body.id}/assignments`, {
      centerId: seeded.otherDistrict,
      effectiveOn: "2026-12-01",
      reason: "调动",
    });
    expect(res.status).toBe(403);
  });

  it("appoints a chief representative only among the department's permanent staff (art. 44)", async () => {
    const contract = await as("admin").post(
      "/v1/staff",
      clerkInput({
        role: "chiefRep",
        departmentId: seeded.haidianDepartment,
        employmentType: "contract",
        duty: "首席代表",
      }),
    );
    const permanent = await as("admin").post(
      "/v1/staff",
      clerkInput({
        role: "chiefRep",
        departmentId: seeded.haidianDepartment,
        employmentType: "civilServant",
        duty: "首席代表",
      }),
    );
    const path = `/v1/centers/${seeded.haidian}/departments/${seeded.haidianDepartment}/chief-representative`;
    const refused = await request("PUT", path, { as: "admin", body: { staffId: contract.body.id } });
    const appointed = await request("PUT", path, { as: "admin", body: { staffId: permanent.body.id } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toEqual(["staffId"]);
    expect(appointed.status).toBe(200);
    expect(appointed.body.chiefRepresentativeId).toBe(permanent.body.id);
  });

  it("records training and the exam that lets a clerk work alone", async () => {
    const created = await as("admin").post("/v1/staff", clerkInput());
    await as("admin").post(`/v1/staff/${created.body.id}/training`, {
      date: "2026-10-10",
      topic: "政务服务规范",
      hours: 8,
    });
    const exam = await as("admin").post(`/v1/staff/${created.body.id}/exam`, {
      passedOn: "2026-11-20",
      qualificationLevel: 4,
    });
    expect(exam.body).toMatchObject({
      examPassedOn: "2026-11-20",
      qualificationLevel: 4,
      training: [{ topic: "政务服务规范" }],
    });
  });

  it("gives each signed-in person their own roster entry, and one person per sign-in identity", async () => {
    const userId = `usr_me_${Date.now()}`;
    const created = await as("admin").post("/v1/staff", clerkInput({ name: "我自己", userId }));
    const twice = await as("admin").post("/v1/staff", clerkInput({ name: "冒名者", userId }));
    const token = (
      await request("POST", "/_local/token", {
        body: { role: "clerk", sub: userId, centerId: seeded.haidian },
      })
    ).body.token as string;
    const mine = await request("GET", "/v1/me/staff", { token });
    const seededClerk = await as("clerk").get("/v1/me/staff");
    const backOffice = await as("backOfficeApprover").get("/v1/me/staff");
    expect(created.status).toBe(201);
    expect(twice.status).toBe(409);
    expect(mine.status).toBe(200);
    // Their own data, in full: it is theirs
    expect(mine.body).toMatchObject({ id: created.body.id, name: "我自己", phone: "13812345678" });
    expect(seededClerk.body).toMatchObject({ role: "clerk", windowId: expect.stringMatching(/^win_/) });
    expect(backOffice.status).toBe(404); // not stationed in a center: no roster entry
  });

  it("shows the roster to the center's own administration and supervisors only", async () => {
    const clerk = await as("clerk").get(`/v1/centers/${seeded.haidian}/staff`);
    const elsewhere = await as("supervisor").get(`/v1/centers/${seeded.otherDistrict}/staff`);
    expect(clerk.status).toBe(403);
    expect(elsewhere.status).toBe(403);
  });
});
