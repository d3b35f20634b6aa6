/// <reference lib="dom" />
import { expect, test, type APIRequestContext } from "@playwright/test";
import {
  choose,
  drain,
  expectAccessible,
  foodLicence,
  nextWorkingDayAt,
  screenshots,
  seededUser,
  signIn,
  tokenFor,
  authHeaders,
  signOut,
} from "./support.ts";

const as = authHeaders;

/** A walk-in served and finished at the clerk's window this morning: the visit a rating is about (一次一评). */
async function servedVisit(request: APIRequestContext) {
  const { centerId } = await seededUser(request, "clerk");
  await nextWorkingDayAt(request, centerId, "09:10");
  const windowId = (
    (await (await request.get("/v1/me/staff", { headers: await as(request, "clerk") })).json()) as {
      windowId: string;
    }
  ).windowId;
  const { itemId } = await foodLicence(request, centerId, await tokenFor(request, "clerk"));
  const issued = await request.post("/v1/tickets", {
    headers: await as(request, "clerk"),
    data: { service: "application", itemId },
  });
  expect(issued.status(), await issued.text()).toBe(201);
  const ticketId = ((await issued.json()) as { id: string }).id;
  // Other tests' tickets may wait before it: each one called before it is finished as a no-show
  for (let i = 0; i < 30; i++) {
    const called = await request.post(`/v1/windows/${windowId}/call-next`, {
      headers: await as(request, "clerk"),
    });
    expect(called.status(), await called.text()).toBe(200);
    const ticket = ((await called.json()) as { ticket: { id: string } | null }).ticket!;
    if (ticket.id === ticketId) break;
    await request.post(`/v1/tickets/${ticket.id}/no-show`, { headers: await as(request, "clerk") });
  }
  expect(
    (await request.post(`/v1/tickets/${ticketId}/serve`, { headers: await as(request, "clerk") })).ok(),
  ).toBe(true);
  expect(
    (await request.post(`/v1/tickets/${ticketId}/complete`, { headers: await as(request, "clerk") })).ok(),
  ).toBe(true);
  await drain(request);
  return { centerId, ticketId };
}

test("a real-name 差评 is called back and rectified within its 7 days at the ratings desk, and counted as the API counts it", async ({
  page,
  request,
}) => {
  // Arrange: the applicant rates the visit 非常不满意 by name, which opens a rectification
  const { centerId, ticketId } = await servedVisit(request);
  const rated = await request.post("/v1/evaluations", {
    headers: await as(request, "applicant"),
    data: {
      subject: { kind: "ticket", ticketId },
      level: "veryDissatisfied",
      dimensions: { efficiency: "veryDissatisfied", attitude: "dissatisfied" },
      channel: "qrCode",
      comment: "窗口工作人员让我回家再复印一份材料，跑了两趟。",
    },
  });
  expect(rated.status(), await rated.text()).toBe(201);
  await drain(request);

  // Act: the administration opens it, calls the rater back, records the measures
  await signIn(page, /赵敏/, "/console/supervision/ratings");
  const row = page.getByRole("row").filter({ hasText: "非常不满意" }).filter({ hasText: "待回访" }).first();
  await expect(row).toContainText(/剩余 [67] 天/);
  await expectAccessible(page);
  await row.getByRole("button", { name: "办理" }).click();
  const dialog = page.getByRole("dialog", { name: "差评整改" });
  await expect(dialog).toContainText("跑了两趟");
  await dialog.getByRole("textbox", { name: "回访记录" }).fill("已电话致歉，说明材料可当场扫描。");
  await dialog.getByRole("button", { name: "记录回访" }).click();
  await expect(dialog).toContainText("已接通");
  await dialog
    .getByRole("textbox", { name: "整改措施" })
    .fill("窗口配备扫描仪，材料当场扫描，不再要求复印。");
  await dialog.getByRole("button", { name: "完成整改" }).click();

  // Assert: rectified on time; the month's table is the API's count per level
  await expect(dialog).toContainText("按时");
  await dialog.getByRole("button", { name: "关闭此对话框" }).or(dialog.getByLabel("Close")).first().click();
  const month = ((await (await request.get("/_local/clock")).json()) as { now: string }).now;
  const rates = (await (
    await request.get(
      `/v1/supervision/rates?centerId=${centerId}&month=${new Date(Date.parse(month) + 8 * 3_600_000).toISOString().slice(0, 7)}`,
      { headers: await as(request, "admin") },
    )
  ).json()) as { ratings: { total: number; bad: number; distribution: Record<string, number> } };
  const center = page
    .getByRole("table", { name: "好差评统计（按部门）" })
    .getByRole("row")
    .filter({ hasText: "全中心" });
  const d = rates.ratings.distribution;
  await expect(center.getByRole("cell").first()).toHaveText(String(d.verySatisfied));
  await expect(center.getByRole("cell").nth(4)).toHaveText(String(d.veryDissatisfied));
  await expect(center.getByRole("cell").nth(5)).toHaveText(String(rates.ratings.total));
  expect(d.veryDissatisfied).toBeGreaterThan(0);
  await page
    .getByRole("combobox", { name: "整改状态" })
    .locator("xpath=ancestor::div[contains(@class,'el-select__wrapper')]")
    .click();
  await page.getByRole("option", { name: "已整改" }).filter({ visible: true }).click();
  await expect(page.getByRole("row").filter({ hasText: "按时整改" }).first()).toBeVisible();
  await screenshots(page, "ratings");
});

test("an unresolved matter is recorded at the window, given a coordinator, discussed case by case and answered", async ({
  page,
}) => {
  // Act 1: the clerk at the 办不成事 window records what a person could not get done
  await signIn(page, /王丽娟/, "/console/unresolved");
  await page.getByRole("button", { name: "登记反映" }).click();
  await page.getByRole("textbox", { name: "反映人姓名" }).fill("陈建国");
  await page.getByRole("textbox", { name: "联系电话" }).fill("13800001234");
  await page.getByRole("textbox", { name: "想办的事" }).fill("为老旧小区加装电梯办理规划手续");
  await page.getByRole("textbox", { name: "遇到的障碍" }).fill("规划、住建两部门都说不归自己管");
  await page.getByRole("textbox", { name: "原因说明" }).fill("加装电梯审批涉及规划和住建，职责交叉");
  await page.getByRole("button", { name: "登记", exact: true }).click();
  await expect(page.getByRole("heading", { name: /办不成事.*陈建国/ })).toBeVisible();
  await expect(page.getByText("待指定协调人")).toBeVisible();
  const url = page.url();
  await signOut(page);

  // Act 2: the administration names the coordinator, holds the meeting and answers
  await signIn(page, /赵敏/, new URL(url).pathname);
  await choose(page, "协调人", /王丽娟/);
  await page.getByRole("button", { name: "指定", exact: true }).click();
  await expect(page.getByText("已指定协调人", { exact: true }).first()).toBeVisible();
  await page.getByRole("tab", { name: "专题协调" }).click();
  // a multiple select stays open after a choice
  await page
    .getByRole("combobox", { name: "参加部门" })
    .locator("xpath=ancestor::div[contains(@class,'el-select__wrapper')]")
    .click();
  await page.getByRole("option", { name: "海淀区市场监督管理局" }).filter({ visible: true }).click();
  await page.keyboard.press("Escape");
  await page.getByRole("textbox", { name: "参加人员" }).fill("赵敏\n张伟");
  await page.getByRole("textbox", { name: "议定情况" }).fill("明确由中心牵头，两部门并联审查");
  await page.getByRole("textbox", { name: "决定事项" }).fill("开设加装电梯综合窗口\n十个工作日内答复");
  await choose(page, "协调结果", "已解决");
  await page.getByRole("button", { name: "记录专题协调" }).click();
  await expect(page.getByText(/第 1 次/)).toBeVisible();
  await page.getByRole("tab", { name: "答复" }).click();
  await page
    .getByRole("textbox", { name: "答复内容" })
    .fill("已开设加装电梯综合窗口，请携带材料到 12 号窗口办理。");
  await page.getByRole("button", { name: "答复并办结" }).click();

  // Assert
  await expect(page.getByText("已答复", { exact: true }).first()).toBeVisible();
  for (const step of ["登记", "指定协调人", "专题协调", "答复"])
    await expect(page.locator(".el-timeline")).toContainText(step);
  await expectAccessible(page);
  await screenshots(page, "unresolved-matter");
});
