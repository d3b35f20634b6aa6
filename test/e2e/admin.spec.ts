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
  expect((await request.post("/_local/schedules/supervision-clock-sweep/run")).ok()).toBe(true);
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
