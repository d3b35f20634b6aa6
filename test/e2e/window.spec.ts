/// <reference lib="dom" />
import { expect, test } from "@playwright/test";
import { expectAccessible, nextWorkingDayAt, screenshots, seededUsers, signIn } from "./support.ts";

test("a window clerk takes a walk-in from the ticket to the printed acceptance receipt", async ({
  page,
  request,
}) => {
  // Arrange: a working morning in the Haidian center, the clerk of window B01 (enterprise and market items)
  const clerk = (await seededUsers(request)).find((u) => u.user === "clerk")!;
  await nextWorkingDayAt(request, clerk.principal.centerId!, "10:00");
  await signIn(page, /王丽娟/, "/console/window");
  await expect(page.getByRole("heading", { name: "窗口工作台" })).toBeVisible();
  await expect(page.getByRole("tabpanel", { name: "叫号" }).getByText("B01 · 综合受理")).toBeVisible(); // their window on the roster

  // Act 1: a walk-in for a food business licence gets a ticket, and the window calls it
  await page.getByText("为现场群众取号").click();
  await page.getByRole("combobox", { name: "办理事项" }).fill("食品经营");
  await page.getByRole("option", { name: /食品经营许可（新办）/ }).click();
  await page.getByRole("button", { name: "取号", exact: true }).click();
  const number = (await page.getByRole("status").innerText()).replace("已取号：", "").trim();
  expect(number).toMatch(/^B\d{3,}$/);
  await expect(page.getByRole("cell", { name: number, exact: true })).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "window-queue");

  // Calls take the best waiting ticket: call until it is ours (other tests' tickets may be waiting before it)
  const current = page.getByTestId("current-ticket");
  for (let i = 0; i < 20 && !(await current.getByText(number).isVisible()); i++) {
    if (await current.isVisible()) await page.getByRole("button", { name: "过号" }).click();
    await page.getByRole("button", { name: "叫下一号" }).click();
    await expect(current).toBeVisible();
  }
  await expect(current.getByText(number)).toBeVisible();
  await page.getByRole("button", { name: "开始办理" }).click();
  await expect(current.getByText("办理中")).toBeVisible();

  // Act 2: taking the application — the item comes from the ticket; the ID number is checked as it is typed
  await page.getByRole("button", { name: "受理申请" }).click();
  await expect(page.getByRole("heading", { name: "窗口受理 · 收件" })).toBeVisible();
  await expect(page.getByText("食品经营许可申请书").first()).toBeVisible();
  await page.getByRole("textbox", { name: "姓名" }).fill("王小明");
  await page.getByRole("textbox", { name: "身份证号码" }).fill("110105194912310021");
  await expect(page.getByText("身份证号码校验不通过，请核对")).toBeVisible();
  await page.getByRole("textbox", { name: "身份证号码" }).fill("11010519491231002X");
  await expect(page.getByText("身份证号码校验不通过，请核对")).toBeHidden();
  await page.getByRole("textbox", { name: "手机号码" }).fill("13800138000");
  // The business licence is on paper: a person holds no such e-license
  await page.getByRole("combobox", { name: "营业执照 收取情况" }).click({ force: true });
  await page.getByRole("option", { name: "已收纸质材料" }).filter({ visible: true }).click();
  await expectAccessible(page);
  await screenshots(page, "window-take-application");
  await page.getByRole("button", { name: "提交并进入受理" }).click();

  // Act 3: the acceptance decision — accept, and the numbered receipt opens printable
  await expect(page.getByRole("heading", { name: /食品经营许可（新办）/ })).toBeVisible();
  await expect(page.getByText("待受理")).toBeVisible();
  await page.getByRole("button", { name: "作出决定并出具文书" }).click();
  await expect(page.getByText("已受理", { exact: true })).toBeVisible();
  const printed = page.waitForEvent("popup");
  await page.getByRole("button", { name: "打印 受理凭证" }).click();
  const receipt = await printed;
  await receipt.waitForLoadState();

  // Assert: the receipt names the applicant, the item and the case, is sealed and says where to verify it
  await expect(receipt.locator("body")).toContainText("受理凭证");
  await expect(receipt.locator("body")).toContainText("王小明");
  await expect(receipt.locator("body")).toContainText("食品经营许可（新办）");
  await expect(receipt.locator("body")).toContainText("/verify");
  await receipt.screenshot({ path: ".local/e2e-results/window-receipt.png", fullPage: true });
  await expectAccessible(page);
  await screenshots(page, "window-accepted");
});
