/// <reference lib="dom" />
import { expect, test } from "@playwright/test";
import {
  acceptedFoodLicence,
  choose,
  drain,
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
  // The algorithm that sealed it (issue 23): the local runtime seals with P-256, as KMS's ECC_NIST_P256 key does.
  await expect(verify.getByText("ECDSA P-256 / SHA-256")).toBeVisible();
  await expectAccessible(verify);
  await screenshots(verify, "review-verify");
});

test("an approver pauses a case for an inspection, extends it once with the head's approval, and logs a contact", async ({
  page,
  request,
}) => {
  // Arrange: another accepted food business licence
  const approver = (await seededUsers(request)).find((u) => u.user === "approver")!;
  const centerId = approver.principal.centerId!;
  await nextWorkingDayAt(request, centerId, "11:00");
  const applicationId = await acceptedFoodLicence(request, centerId, "孙核查");
  await signIn(page, /张伟/, `/console/review/${applicationId}`);
  await page.getByRole("button", { name: "认领" }).click();
  await expect(page.getByText("承办：张伟")).toBeVisible();

  // Act 1: a special procedure (an on-site inspection) pauses the review clock, then ends with its result
  await page.getByRole("tab", { name: "特殊程序" }).click();
  await page.getByRole("spinbutton", { name: "预计工作日" }).fill("3");
  await page.getByRole("textbox", { name: "特殊程序理由" }).fill("经营场所需现场核查");
  await page.getByRole("button", { name: "开始特殊程序（书面告知申请人）" }).click();
  await expect(page.getByText(/检验进行中.*预计\s*3 个工作日/)).toBeVisible();
  await drain(request);
  await page.reload();
  await expect(
    page.getByRole("region", { name: "办件计时" }).getByText("已暂停（不计时）").first(),
  ).toBeVisible();
  await page.getByRole("tab", { name: "特殊程序" }).click();
  await page.getByRole("textbox", { name: "特殊程序结果" }).fill("现场核查符合要求");
  await page.getByRole("button", { name: "结束特殊程序" }).click();
  await expect(page.getByText("特殊程序已结束，审查恢复计时")).toBeVisible();

  // Act 2: the one extension, approved by the department's head (行政许可法 art. 42)
  await page.getByRole("tab", { name: "延长期限" }).click();
  await expect(page.getByText(/最多延长 5 个工作日/)).toBeVisible();
  await choose(page, "批准人", "李建国");
  await page.getByRole("textbox", { name: "延期理由" }).fill("需补充专家意见");
  await page.getByRole("button", { name: "延长并出具告知书" }).click();
  await expect(page.getByText(/延长 5 个工作日（李建国批准）。延期只能一次。/)).toBeVisible();

  // Act 3: a phone call with the applicant goes into the contact log
  await page.getByRole("tab", { name: "联系记录" }).click();
  await page.getByRole("textbox", { name: "联系事由" }).fill("告知现场核查结果");
  await page.getByRole("button", { name: "记录", exact: true }).click();

  // Assert
  await expect(page.getByRole("cell", { name: "告知现场核查结果" })).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "review-procedure-extension");
});
