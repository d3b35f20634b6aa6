import { beforeAll, describe, expect, it } from "vitest";
import { demoApplicants, seedUsers } from "#infra/local/seed-data.ts";
import { as, drain, forgetTokens, request, setClock } from "./support/api.ts";
import { givenItem, guideInput, residentStatus } from "./support/factories.ts";
import { seeded } from "./support/seed.ts";

/**
 * Warnings across centers (issue 20): a supervisor's scope is their center and every center under it (city →
 * district → subdistrict), projected by supervision from the catalog's center events.
 */
type Cross = {
  centers: { centerId: string; name: string; red: number; yellow: number; reminder: number }[];
  total: { red: number; yellow: number; reminder: number };
  items: { subjectId: string; level: string; centerId: string; centerName: string; dueAt: string }[];
  truncated: boolean;
};
const URGENCY: Record<string, number> = { red: 0, yellow: 1, reminder: 2 };

let overdueCase: string;

beforeAll(async () => {
  // Arrange: a Haidian case with a 3-working-day review, claimed, and the clock just past its red level — a move of a
  // few days: the stack is shared, and a long jump would wake every other test's cases at once
  const item = await givenItem({ departmentId: seedUsers.approver.departmentId });
  await as("admin").post(
    `/v1/items/${item.id}/guides`,
    guideInput({ committedLimitDays: 3, materials: [{ name: "申请表", required: true }] }),
  );
  await request("PUT", `/v1/centers/${seeded.haidian}/items/${item.id}`, {
    as: "admin",
    body: residentStatus({ authorization: { listRef: "清单第31项", deciders: ["approver"] } }),
  });
  await drain();
  const submitted = await as("clerk").post("/v1/applications", {
    itemId: item.id,
    centerId: seeded.haidian,
    channel: "window",
    applicant: demoApplicants.organisation,
    materials: [{ name: "申请表" }],
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  overdueCase = submitted.body.id as string;
  await drain();
  expect(
    (await as("clerk").post(`/v1/applications/${overdueCase}/acceptance`, { outcome: "accepted" })).status,
  ).toBe(200);
  await drain();
  expect((await as("approver").post(`/v1/applications/${overdueCase}/review/claim`, {})).status).toBe(200);
  await drain();
  const clocks = await as("clerk").get(`/v1/applications/${overdueCase}/clocks`);
  const red = (clocks.body.clocks as { stage: string; warnAt?: { red: string } }[]).find(
    (c) => c.stage === "review",
  )!.warnAt!.red;
  const now = new Date((await request("GET", "/_local/clock")).body.now as string);
  const target = new Date(new Date(red).getTime() + 30 * 60_000);
  if (target > now) await setClock(target.toISOString());
  forgetTokens();
  await drain();
});

/** Whether a case has an open warning of the level in its center's own list (paging through). */
async function inCenter(subjectId: string, level: string) {
  let cursor: string | undefined;
  do {
    const page = await as("admin").get(
      `/v1/warnings?level=${level}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    if (
      (page.body.items as { subjectId: string; state: string }[]).some(
        (w) => w.subjectId === subjectId && w.state === "open",
      )
    )
      return true;
    cursor = page.body.nextCursor;
  } while (cursor);
  return false;
}

/** Every open warning of one level in a center, as its own staff list them (paging through). */
async function countInCenter(level: string) {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await as("admin").get(
      `/v1/warnings?level=${level}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    count += (page.body.items as { state: string }[]).filter((w) => w.state === "open").length;
    cursor = page.body.nextCursor;
  } while (cursor);
  return count;
}

describe("warnings across centers for supervisors", () => {
  it("gives the city's supervisor every center of the city, red first, counted as each center counts its own", async () => {
    const res = await as("citySupervisor").get("/v1/supervision/warnings?limit=200");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body as Cross;

    // The city, its districts and their subdistricts are in scope
    const ids = body.centers.map((c) => c.centerId);
    expect(ids).toEqual(
      expect.arrayContaining([seeded.city, seeded.haidian, seeded.subdistrict, seeded.otherDistrict]),
    );
    // Haidian's counts are what its own warnings list holds
    const haidian = body.centers.find((c) => c.centerId === seeded.haidian)!;
    expect(haidian.red).toBeGreaterThan(0);
    expect(haidian.red).toBe(await countInCenter("red"));
    expect(haidian.yellow).toBe(await countInCenter("yellow"));
    expect(body.total.red).toBe(body.centers.reduce((n, c) => n + c.red, 0));
    // Most reds first among the centers; among the warnings red first, then the earliest due
    expect(body.centers[0]!.red).toBe(Math.max(...body.centers.map((c) => c.red)));
    const order = body.items.map((w) => [URGENCY[w.level]!, w.dueAt] as const);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])));
    // Every item is named by its center; the overdue case is counted in Haidian's reds, and listed unless more urgent
    // reds (older ones, of the other files sharing this stack) fill the list first
    for (const w of body.items)
      expect(w.centerName).toBe(body.centers.find((c) => c.centerId === w.centerId)!.name);
    expect(await inCenter(overdueCase, "red")).toBe(true);
    const mine = body.items.find((w) => w.subjectId === overdueCase && w.level === "red");
    if (body.items.length < 200) expect(mine).toMatchObject({ centerId: seeded.haidian });
    else expect(body.truncated).toBe(true);
  });

  it("narrows to a level, and says when more match than the limit", async () => {
    const red = (await as("citySupervisor").get("/v1/supervision/warnings?level=red&limit=1")).body as Cross;
    expect(red.items).toHaveLength(1);
    expect(red.items[0]!.level).toBe("red");
    expect(red.truncated).toBe(red.total.red > 1);
  });

  it("gives a district's supervisor their district and its subdistricts, never the city or another district", async () => {
    const body = (await as("supervisor").get("/v1/supervision/warnings")).body as Cross;
    const ids = body.centers.map((c) => c.centerId);
    expect(ids).toContain(seeded.haidian);
    expect(ids).toContain(seeded.subdistrict);
    expect(ids).not.toContain(seeded.city);
    expect(ids).not.toContain(seeded.otherDistrict);
    expect(body.items.every((w) => ids.includes(w.centerId))).toBe(true);
  });

  it("is for supervisors only", async () => {
    for (const user of ["admin", "cityAdmin", "approver", "clerk", "applicant"] as const)
      expect((await as(user).get("/v1/supervision/warnings")).status, user).toBe(403);
  });
});
