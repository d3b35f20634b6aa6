/// <reference lib="dom" />
import { expect, test } from "@playwright/test";
import {
  acceptedFoodLicence,
  authHeaders,
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
  await expect(page.getByText(/^准予许可 ·/)).toBeVisible();
  // …and the case's documents list the sealed decision with its number, without a reload
  await expect(page.getByRole("button", { name: "打印 准予行政许可决定书" })).toBeVisible();
  await expect(page.getByText("尚无审批文书")).toHaveCount(0);

  // The task's history says, in Chinese and in order, who did what: routed to the department, claimed, approved
  const history = page.getByRole("region", { name: "办理记录" }).getByTestId("history-step");
  await expect(history).toHaveCount(3);
  await expect(history.nth(0)).toContainText("分派至审批部门 · 系统");
  await expect(history.nth(1)).toContainText("认领 · 审批人员 张伟");
  await expect(history.nth(2)).toContainText("作出决定：准予许可 · 审批人员 张伟");
  await expectAccessible(page);
  await screenshots(page, "review-history");

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

  // Act 3: one request for two things, one citing a material of the guide, one a checkpoint of it (art. 28)
  await page.getByRole("tab", { name: "补充材料" }).click();
  await expect(page.getByText("尚未通知补充材料")).toBeVisible();
  await choose(page, "补充事项 1 材料", "经营场所平面布局图");
  await page.getByRole("textbox", { name: "补充事项 1 内容" }).fill("补充标明冷库位置的平面图");
  await page.getByRole("button", { name: "增加一项" }).click();
  await choose(page, "补充事项 2 审核要点", /^经营项目在许可范围内/);
  await page.getByRole("textbox", { name: "补充事项 2 内容" }).fill("说明是否销售特殊食品");
  await expect(page.getByText("已延长审批期限，告知书已出具")).toBeHidden(); // no toast fading out under axe
  await expectAccessible(page);
  await screenshots(page, "review-material-request");
  await page.getByRole("button", { name: "通知补充", exact: true }).click();
  const requests = page.getByRole("list", { name: "已通知补充" });
  await expect(requests).toContainText("经营场所平面布局图：补充标明冷库位置的平面图");
  await expect(requests).toContainText(
    "经营项目在许可范围内，含特殊食品销售的另行标注：说明是否销售特殊食品",
  );
  await expect(requests).toContainText("张伟");
  await expect(page.getByRole("textbox", { name: "补充事项 2 内容" })).toHaveCount(0); // the form is blank again

  // Act 4: a phone call with the applicant goes into the contact log
  await page.getByRole("tab", { name: "联系记录" }).click();
  await page.getByRole("textbox", { name: "联系事由" }).fill("告知现场核查结果");
  await page.getByRole("button", { name: "记录", exact: true }).click();

  // Assert: the contact is logged; the procedure is listed with its result; the history has every step
  await expect(page.getByRole("cell", { name: "告知现场核查结果" })).toBeVisible();
  const procedures = page.getByRole("region", { name: "特殊程序" });
  await expect(procedures).toContainText("检验");
  await expect(procedures).toContainText("现场核查符合要求");
  const history = page.getByRole("region", { name: "办理记录" });
  for (const step of ["开始特殊程序", "结束特殊程序", "延长审批期限", "通知补充材料", "联系申请人"])
    await expect(history.getByText(step, { exact: true })).toBeVisible();
  await expect(history).toContainText("经营场所平面布局图：补充标明冷库位置的平面图");
  await expectAccessible(page);
  await screenshots(page, "review-procedure-extension");
});

test("an approver releases a case, the chief representative reassigns it with a reason, it is denied with reasons, and a stale page is told why its decision was refused", async ({
  page,
  request,
}) => {
  // Arrange: two accepted food business licences
  const approver = (await seededUsers(request)).find((u) => u.user === "approver")!;
  const centerId = approver.principal.centerId!;
  await nextWorkingDayAt(request, centerId, "11:30");
  const reassigned = await acceptedFoodLicence(request, centerId, "钱改派");
  const stale = await acceptedFoodLicence(request, centerId, "孙重复");

  // Act 1: the approver claims the first case, then puts it back to the department
  await signIn(page, /张伟/, `/console/review/${reassigned}`);
  await page.getByRole("button", { name: "认领" }).click();
  await expect(page.getByText("承办：张伟")).toBeVisible();
  await page.getByRole("button", { name: "退回待认领" }).click();
  await expect(page.getByText("承办：未认领")).toBeVisible();

  // Act 2: the chief representative (another person, another tab) opens the reassignment by keyboard, closes it
  // with Escape, then reassigns the case to the approver with a reason
  const chief = await page.context().newPage();
  await signIn(chief, /李建国/, `/console/review/${reassigned}`);
  const dialog = chief.getByRole("dialog", { name: "改派" });
  await chief.getByRole("button", { name: "改派", exact: true }).focus();
  await chief.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await chief.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await chief.getByRole("button", { name: "改派", exact: true }).click();
  await choose(chief, "改派给", "张伟");
  await chief.getByRole("textbox", { name: "改派原因" }).fill("熟悉该经营场所的情况");
  await expectAccessible(chief);
  await screenshots(chief, "review-reassign");
  await dialog.getByRole("button", { name: "确认改派" }).click();
  await expect(dialog).toBeHidden();
  await expect(chief.getByText("承办：张伟")).toBeVisible();
  const chiefHistory = chief.getByRole("region", { name: "办理记录" });
  await expect(chiefHistory.getByText("退回待认领", { exact: true })).toBeVisible();
  await expect(chiefHistory).toContainText("改派 · 首席代表 李建国");
  await expect(chiefHistory).toContainText("改派给 张伟");
  await expect(chiefHistory).toContainText("原因：熟悉该经营场所的情况");
  await chief.close();

  // Act 3: the approver denies it, with two reasons
  await page.reload();
  await expect(page.getByText("承办：张伟")).toBeVisible();
  await page.getByRole("radio", { name: "不予许可" }).click({ force: true });
  await page
    .getByRole("textbox", { name: "不予许可的理由" })
    .fill("经营场所与营业执照住所不一致\n未设置食品安全管理人员");
  await expectAccessible(page);
  await page.getByRole("button", { name: "作出决定并加盖电子印章" }).click();
  await expect(page.getByText(/^不予许可 ·/)).toBeVisible();
  await expect(page.getByText("（经营场所与营业执照住所不一致；未设置食品安全管理人员）")).toBeVisible();
  await expect(page.getByRole("region", { name: "办理记录" })).toContainText(
    "作出决定：不予许可 · 审批人员 张伟",
  );

  // Act 4: the second case is open in the approver's page when it is approved elsewhere (another tab, through the
  // API); the page, not knowing, tries to deny it
  await page.goto(`/console/review/${stale}`);
  await page.getByRole("button", { name: "认领" }).click();
  await expect(page.getByText("承办：张伟")).toBeVisible();
  const elsewhere = await request.post(`/v1/applications/${stale}/decision`, {
    headers: await authHeaders(request, "approver"),
    data: { decision: "approved" },
  });
  expect(elsewhere.status(), await elsewhere.text()).toBe(200);
  await page.getByRole("radio", { name: "不予许可" }).click({ force: true });
  await page.getByRole("textbox", { name: "不予许可的理由" }).fill("材料不全");
  await page.getByRole("button", { name: "作出决定并加盖电子印章" }).click();

  // Assert: the 409 is said in Chinese — what was refused and why — and the page shows the case as it now stands
  await expect(
    page.getByText(
      "办理未成功：该记录已在别处办理（其他页面或其他工作人员），当前为“已决定”，不能再作出决定。页面已刷新为最新情况。",
    ),
  ).toBeVisible();
  await expect(page.getByText(/^准予许可 ·/)).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "review-conflict");
});
