/// <reference lib="dom" />
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signedHeaders } from "#shared/webhooks/signature.ts";
import { DEV_HOTLINE_SECRET } from "../../infra/local/fake-hotline.ts";
import {
  choose,
  drain,
  expectAccessible,
  foodLicence,
  screenshots,
  seededUser,
  signIn,
  signOut,
  tokenFor,
} from "./support.ts";

/** The webhook secret of the stack Playwright started (the development value unless the environment set one). */
const SECRET = process.env.HOTLINE_WEBHOOK_SECRET || DEV_HOTLINE_SECRET;

/** Sends a 12345 work order the way the hotline does: the raw body signed with the shared secret and a timestamp. */
async function hotlineWorkOrder(request: APIRequestContext, centerId: string, itemId?: string) {
  const now = new Date(((await (await request.get("/_local/clock")).json()) as { now: string }).now);
  const orderNo = `BJ12345-E2E-${now.getTime()}`;
  const body = JSON.stringify({
    orderNo,
    receivedAt: now.toISOString(),
    kind: "complaint",
    urgency: "general",
    channel: "电话",
    caller: { name: "李女士", phone: "13912345678" },
    content: "在食品经营许可窗口排队两小时仍未办理，希望中心增开窗口。",
    target: { centerId, ...(itemId ? { itemId } : {}) },
  });
  const res = await request.post("/v1/hotline/work-orders", {
    headers: { "content-type": "application/json", ...signedHeaders(SECRET, body, now, `dlv-${orderNo}`) },
    data: body,
  });
  expect(res.status(), await res.text()).toBe(202);
  return { orderNo, ...((await res.json()) as { workOrderId: string }) };
}

test("a work order from the 12345 webhook is dispatched, signed for, replied and followed up at the 12345 desk", async ({
  page,
  request,
}) => {
  // Arrange: the hotline sends a complaint about the Haidian center, signed
  const { centerId } = await seededUser(request, "admin");
  const { orderNo, workOrderId } = await hotlineWorkOrder(request, centerId);
  await drain(request);

  // Act 1: the center's administration finds it waiting for dispatch, with its reply clock, and dispatches it
  await signIn(page, /赵敏/, "/console/hotline?state=received");
  const row = page.getByRole("row").filter({ hasText: orderNo });
  await expect(row).toContainText("待派单");
  await expect(row).toContainText(/剩余 \d+ 天/);
  // a list masks the caller's phone; the order itself shows it to the unit handling it
  await expect(row).not.toContainText("13912345678");
  await expectAccessible(page);
  await row.getByRole("link", { name: orderNo }).click();
  await expect(page.getByRole("heading", { name: `工单 ${orderNo}` })).toBeVisible();
  await expect(page.getByText("13912345678")).toBeVisible();
  await choose(page, "承办部门", "海淀区市场监督管理局");
  await page.getByRole("button", { name: "派单" }).click();
  await expect(page.getByText("待签收", { exact: true })).toBeVisible();
  await signOut(page);

  // Act 2: the market department signs for it (having called the caller) and replies
  await signIn(page, /张伟/, `/console/hotline/${workOrderId}`);
  await page.getByText("已与来电人联系").click();
  await expect(page.getByRole("checkbox", { name: "已与来电人联系" })).toBeChecked();
  await page.getByRole("button", { name: "签收", exact: true }).click();
  await expect(page.getByText("已签收", { exact: true }).first()).toBeVisible();
  await page.getByRole("tab", { name: "答复" }).click();
  await page
    .getByRole("textbox", { name: "答复内容" })
    .fill("已协调中心在高峰时段增开两个食品经营许可窗口，并电话告知来电人。");
  await page.getByRole("button", { name: "答复来电人" }).click();
  await expect(page.getByText("已答复待回访")).toBeVisible();
  await expect(page.getByText("按时答复")).toBeVisible();
  await expectAccessible(page);
  await signOut(page);

  // Act 3: the administration calls the caller back: reached, resolved, satisfied
  await signIn(page, /赵敏/, `/console/hotline/${workOrderId}`);
  await page.getByRole("tab", { name: "回访" }).click();
  await page.getByRole("textbox", { name: "回访记录" }).fill("来电人表示满意。");
  await page.getByRole("button", { name: "记录回访" }).click();

  // Assert: closed, with its history; the hotline was told of each step, signed
  await expect(page.getByText("已办结", { exact: true })).toBeVisible();
  const history = page.locator(".el-timeline");
  for (const step of ["接收", "派单", "签收", "答复", "回访"]) await expect(history).toContainText(step);
  await screenshots(page, "hotline-order");
  await drain(request);
  const { callbacks } = (await (await request.get("/_local/hotline/callbacks")).json()) as {
    callbacks: { body: { orderNo?: string; type: string } }[];
  };
  expect(callbacks.filter((c) => c.body.orderNo === orderNo).map((c) => c.body.type)).toEqual([
    "signedFor",
    "replied",
    "followedUp",
  ]);
  const stored = await request.get(`/v1/work-orders/${workOrderId}`, {
    headers: { authorization: `Bearer ${await tokenFor(request, "admin")}` },
  });
  expect(await stored.json()).toMatchObject({
    state: "closed",
    unit: { departmentId: expect.any(String) },
    followUp: { reached: true, resolved: true, satisfied: true, madeBy: "center" },
  });
});

test("the 12345 desk's rates and hotspots are the API's figures for the month", async ({ page, request }) => {
  // Arrange: a complaint this month about the food licence, and the month's rates as the API computes them
  const { centerId } = await seededUser(request, "admin");
  const { itemId } = await foodLicence(request, centerId, await tokenFor(request, "admin"));
  await hotlineWorkOrder(request, centerId, itemId);
  await drain(request);
  const now = ((await (await request.get("/_local/clock")).json()) as { now: string }).now;
  const month = new Date(Date.parse(now) + 8 * 3_600_000).toISOString().slice(0, 7);
  const rates = (await (
    await request.get(`/v1/supervision/rates?centerId=${centerId}&month=${month}`, {
      headers: { authorization: `Bearer ${await tokenFor(request, "admin")}` },
    })
  ).json()) as {
    workOrders: Record<string, { numerator: number; denominator: number; rate: number | null }> & {
      received: number;
    };
    hotspots: { complaints: { byItem: { key: string; count: number }[] } };
  };

  // Act
  await signIn(page, /赵敏/, "/console/hotline?tab=rates");

  // Assert: the center's row of the table under the chart carries the API's four rates and count
  const table = page.getByRole("table", { name: "接诉即办比率（按部门）" });
  const center = table.getByRole("row").filter({ hasText: "全中心" });
  const pct = (r: { numerator: number; denominator: number; rate: number | null }) =>
    r.rate === null ? "—" : `${(r.rate * 100).toFixed(1)}%（${r.numerator}/${r.denominator}）`;
  const w = rates.workOrders;
  await expect(center.getByRole("cell")).toHaveText([
    pct(w.response!),
    pct(w.onTimeReply!),
    pct(w.resolution!),
    pct(w.satisfaction!),
    String(w.received),
  ]);
  expect(w.received).toBeGreaterThan(0);
  // and the hotspots' table counts the complaints about the item as the API does
  const complaints = rates.hotspots.complaints.byItem.find((h) => h.key === itemId)!.count;
  const hotspots = page.getByRole("table", { name: "投诉与差评热点" });
  await expect(
    hotspots.getByRole("row").filter({ hasText: "事项：食品经营许可" }).getByRole("cell").first(),
  ).toHaveText(String(complaints));
  await expectAccessible(page);
  await screenshots(page, "hotline-rates");
});
