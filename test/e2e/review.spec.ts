/// <reference lib="dom" />
import { expect, test } from "@playwright/test";
import {
  acceptedFoodLicence,
  expectAccessible,
  nextWorkingDayAt,
  screenshots,
  seededUsers,
  signIn,
} from "./support.ts";

test("an approver claims an accepted case, approves it, and the sealed decision verifies", async ({
  page,
  request,
}) => {
  // Arrange: a food business licence accepted at the window this morning
  const approver = (await seededUsers(request)).find((u) => u.user === "approver")!;
  const centerId = approver.principal.centerId!;
  await nextWorkingDayAt(request, centerId, "10:30");
  const applicationId = await acceptedFoodLicence(request, centerId, "赵审批");

  // Act 1: the market department's approver finds it in the department's worklist and claims it
  await signIn(page, /张伟/, "/console/review");
  await expect(page.getByRole("heading", { name: "审批工作台" })).toBeVisible();
  await page.getByRole("radio", { name: "本部门" }).click({ force: true });
  const row = page.getByRole("row", { name: /赵审批/ });
  await expect(row).toContainText("未认领");
  await expectAccessible(page);
  await screenshots(page, "review-worklist");
  await row.getByRole("button", { name: "认领" }).click();
  await expect(row).toContainText("本人");

  // Act 2: the task's detail, with its clock, then the decision
  await row.getByRole("link", { name: "食品经营许可（新办）" }).click();
  await expect(page).toHaveURL(new RegExp(`/console/review/${applicationId}$`));
  await expect(page.getByText("承办：张伟")).toBeVisible();
  await expect(page.getByRole("region", { name: "办件计时" }).getByText("审查").first()).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "review-task");
  await page.getByRole("button", { name: "作出决定并加盖电子印章" }).click();
  await expect(page.getByText("准予许可 ·")).toBeVisible();

  // Assert: the sealed decision prints, and its verification page (public, no sign-in) says it is intact
  const printed = page.waitForEvent("popup");
  await page.getByRole("button", { name: "打印决定书" }).click();
  const decision = await printed;
  await expect(decision.locator("body")).toContainText("赵审批");
  await decision.close();
  const verifying = page.waitForEvent("popup");
  await page.getByRole("link", { name: "核验决定书" }).click();
  const verify = await verifying;
  await expect(verify.getByRole("heading", { name: "电子印章文书核验" })).toBeVisible();
  await expect(verify.getByText("文书完整，电子印章有效")).toBeVisible();
  await expect(verify.getByText("海淀区市场监督管理局行政审批专用章")).toBeVisible();
  await expectAccessible(verify);
  await screenshots(verify, "review-verify");
});
