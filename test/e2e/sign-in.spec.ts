/// <reference lib="dom" />
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support.ts";

test("a clerk signs in locally and lands on their center's console, and comes back after signing out", async ({
  page,
}) => {
  // Arrange: an unsigned visit goes to sign-in, remembering where it was going
  await page.goto("/console/");
  await expect(page).toHaveURL(/\/console\/sign-in\?back=(%2F|\/)$/);
  await expect(page.getByRole("heading", { name: "选择登录身份（本地环境）" })).toBeVisible();
  await expectAccessible(page);

  // Act: sign in as the seeded window clerk — with the keyboard only (Tab to the button, Enter)
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
    if (/王丽娟.*窗口工作人员/.test(focused)) break;
  }
  await page.keyboard.press("Enter");

  // Assert: the console names them and their center, read through the generated client
  await expect(page).toHaveURL(/\/console\/$/);
  await expect(page.getByText("王丽娟 · 综合受理（企业开办、市场准入）（窗口工作人员）")).toBeVisible();
  await expect(page.getByRole("heading", { name: "北京市海淀区政务服务中心" })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: ".local/e2e-results/console-home.png", fullPage: true });

  // 适老化: the large-text mode enlarges the console's text, and says it is on
  await page.getByRole("button", { name: "大字模式" }).click();
  await expect(page.getByRole("button", { name: "标准字号" })).toHaveAttribute("aria-pressed", "true");
  expect(await page.evaluate(() => document.documentElement.classList.contains("large-text"))).toBe(true);
  const body = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(body).toBeGreaterThanOrEqual(20);
  await expectAccessible(page);
  await page.screenshot({ path: ".local/e2e-results/console-large-text.png", fullPage: true });

  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/\/console\/sign-in/);
});
