/// <reference lib="dom" />
import { expect, test } from "@playwright/test";
import {
  acceptedFoodLicence,
  drain,
  expectAccessible,
  nextWorkingDayAt,
  screenshots,
  seededUsers,
  signIn,
  signOut,
  tokenFor,
} from "./support.ts";

test("the administration sees a case turn yellow on the warnings board when its time runs short", async ({
  page,
  request,
}) => {
  // Arrange: a case accepted this morning; its review clock says when it turns yellow
  const admin = (await seededUsers(request)).find((u) => u.user === "admin")!;
  const centerId = admin.principal.centerId!;
  await nextWorkingDayAt(request, centerId, "10:45");
  const applicationId = await acceptedFoodLicence(request, centerId, "钱预警");
  const clocks = await request.get(`/v1/applications/${applicationId}/clocks`, {
    headers: { authorization: `Bearer ${await tokenFor(request, "admin")}` },
  });
  const review = (
    (await clocks.json()) as { clocks: { stage: string; warnAt: { yellow: string } }[] }
  ).clocks.find((c) => c.stage === "review")!;

  // The board before: no warning for the case yet
  await signIn(page, /赵敏/, "/console/admin");
  await expect(page.getByRole("heading", { name: "预警看板" })).toBeVisible();
  await expect(page.getByText(applicationId)).toHaveCount(0);
  await expectAccessible(page);

  // Act: the virtual clock moves past the yellow threshold, and the minute's sweep runs
  const yellowAt = new Date(Date.parse(review.warnAt.yellow) + 60_000).toISOString();
  expect((await request.post("/_local/clock", { data: { to: yellowAt } })).ok()).toBe(true);
  expect((await request.post("/_local/schedules/monitoring-clock-sweep/run")).ok()).toBe(true);
  await drain(request);

  // Assert: after signing in again (the token expired with the days that passed), the case is yellow on the board
  await page.reload();
  await expect(page).toHaveURL(/\/console\/sign-in\?back=%2Fadmin/);
  await page.getByRole("button", { name: /赵敏/ }).click();
  await expect(page).toHaveURL(/\/console\/admin$/);
  const row = page.getByRole("row", { name: new RegExp(applicationId) });
  await expect(row).toContainText("黄色预警");
  await expect(row).toContainText("审查");
  await expect(row).toContainText("海淀区市场监督管理局");
  await expectAccessible(page);
  await screenshots(page, "admin-warnings");

  // The case's clock as a timeline: the review stage carries the yellow warning
  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { name: "办件计时" })).toBeVisible();
  await expect(page.getByText("钱预警")).toBeVisible();
  await expect(page.getByRole("region", { name: "办件计时" }).getByText("黄色预警")).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "admin-case-clock");

  // The other administration screens answer and are accessible too
  const headings: Record<string, string> = { 办件: "本中心办件", 闭馆与开放: "闭馆日与休息日开放" };
  for (const tab of ["办件", "窗口与人员", "人员合规", "闭馆与开放", "预警规则"]) {
    await page.goto("/console/admin");
    await page.getByRole("tab", { name: tab }).click();
    await expect(page.getByRole("heading", { name: headings[tab] ?? tab })).toBeVisible();
    await expectAccessible(page);
  }
  await screenshots(page, "admin-policy");
});

test("the administration reads compliance findings by name, sees the standing roster, saves the warning policy, and adds then withdraws a closure", async ({
  page,
  request,
}) => {
  // Arrange: the morning's staff-compliance check has run
  const admin = (await seededUsers(request)).find((u) => u.user === "admin")!;
  const centerId = admin.principal.centerId!;
  await nextWorkingDayAt(request, centerId, "09:00");
  expect((await request.post("/_local/schedules/catalog-staff-compliance/run")).ok()).toBe(true);
  await drain(request);

  // Act 1: the findings name the person they are about (from the roster), never a raw id
  await signIn(page, /赵敏/, "/console/admin?tab=compliance");
  const findings = page.getByRole("region", { name: "人员合规" });
  await expect(findings.getByRole("row", { name: /应轮岗未轮岗/ }).first()).toContainText("人员 张伟");
  await expect(findings).not.toContainText("stf_");
  await screenshots(page, "admin-compliance");

  // Act 2: the windows page says it shows the standing roster, not a day's duty
  await page.getByRole("tab", { name: "窗口与人员" }).click();
  await expect(page.getByText("不是当日值班表：系统不记录每日排班")).toBeVisible();
  await expect(page.getByRole("row", { name: /^B01/ })).toContainText("王丽娟");
  await screenshots(page, "admin-windows");

  // Act 3: the warning policy — the reminder moves to 60 % of the limit, is saved, and reads back after a reload
  await page.getByRole("tab", { name: "预警规则" }).click();
  const reminder = page.getByRole("spinbutton", { name: "提醒比例" });
  await reminder.fill("60"); // taken when it loses focus, to the save button (Enter would submit the form itself)
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("预警规则已保存，新的计时按此执行")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("spinbutton", { name: "提醒比例" })).toHaveValue("60");
  await expectAccessible(page);
  await screenshots(page, "admin-policy-saved");

  // Act 4: a closure on a working day two weeks on is added, listed, then withdrawn
  const today = new Date(Date.parse((await (await request.get("/_local/clock")).json()).now) + 8 * 3_600_000);
  const from = new Date(today.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(today.getTime() + 40 * 86_400_000).toISOString().slice(0, 10);
  const days = await request.get(`/v1/calendar/workdays?from=${from}&to=${to}&centerId=${centerId}`);
  const closed = ((await days.json()) as { workdays: string[] }).workdays[0]!;
  await page.getByRole("tab", { name: "闭馆与开放" }).click();
  await page.getByRole("combobox", { name: "闭馆日期" }).fill(closed);
  await page.getByRole("combobox", { name: "闭馆日期" }).press("Enter");
  await page.getByRole("textbox", { name: "闭馆原因" }).fill("设备检修");
  await page.getByRole("button", { name: "添加闭馆日" }).click();
  const row = page.getByRole("row", { name: new RegExp(`${closed}.*设备检修`) });
  await expect(row).toBeVisible();
  await expect(page.getByText("已添加闭馆日")).toBeHidden(); // no toast fading out under axe
  await expectAccessible(page);
  await screenshots(page, "admin-closure");
  await row.getByRole("button", { name: `撤销闭馆日 ${closed}` }).click();

  // Assert: withdrawn — the day is a working day again
  await expect(row).toHaveCount(0);
  const after = await request.get(`/v1/calendar/workdays?from=${closed}&to=${closed}&centerId=${centerId}`);
  expect(((await after.json()) as { workdays: string[] }).workdays).toEqual([closed]);

  // A case's clock that cannot be found says so in the page, instead of an empty one
  await page.goto("/console/admin/cases/app_01JSEED0000000000000000999");
  await expect(page.getByRole("alert")).toContainText("未找到");
  await expect(page.getByRole("alert")).toContainText("未找到该记录，可能已被删除或编号有误。");
  await expectAccessible(page);
  await screenshots(page, "admin-case-not-found");

  // …and one of another center says that it is not this administrator's to see (403), in the page too
  const otherCenters = await acceptedFoodLicence(request, centerId, "孙越权");
  await signOut(page);
  await signIn(page, /钱永刚/, `/console/admin/cases/${otherCenters}`);
  await expect(page.getByRole("alert")).toContainText("无权查看");
  await expect(page.getByRole("alert")).toContainText("不属于您所在的中心或部门");
  await expectAccessible(page);
  await screenshots(page, "admin-case-forbidden");
});
