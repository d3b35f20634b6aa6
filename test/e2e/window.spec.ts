/// <reference lib="dom" />
import { expect, test } from "@playwright/test";
import {
  callUntilCurrent,
  choose,
  expectAccessible,
  foodLicence,
  nextWorkingDayAt,
  screenshots,
  seededUsers,
  signIn,
  submittedFoodLicence,
  tokenFor,
  walkInFoodLicenceTicket,
} from "./support.ts";

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
  const number = await walkInFoodLicenceTicket(page);
  expect(number).toMatch(/^B\d{3,}$/);
  await expect(page.getByRole("cell", { name: number, exact: true })).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "window-queue");

  // Calls take the best waiting ticket: call until it is ours (other tests' tickets may be waiting before it)
  const current = await callUntilCurrent(page, number);
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
  await choose(page, "营业执照 收取情况", "已收纸质材料");
  // …and the floor plan is scanned at the window, uploaded and checked like an applicant's own file
  await choose(page, "经营场所平面布局图 收取情况", "扫描上传（电子材料）");
  await page.locator('input[type=file][data-material="经营场所平面布局图"]').setInputFiles({
    name: "平面图扫描.png",
    mimeType: "image/png",
    buffer: Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from("scan"),
    ]),
  });
  await expect(page.getByText("已上传并通过校验：平面图扫描.png")).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "window-take-application");
  await page.getByRole("button", { name: "提交并进入受理" }).click();

  // Act 3: the acceptance decision — accept, and the numbered receipt opens printable
  await expect(page.getByRole("heading", { name: /食品经营许可（新办）/ })).toBeVisible();
  await expect(page.getByText("待受理")).toBeVisible();
  await page.getByRole("button", { name: "作出决定并出具文书" }).click();
  await expect(page.getByText("已受理", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "查看 平面图扫描.png" })).toBeVisible();
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

test("a clerk checks in today's appointment, answers a consultation with its one-time notice, and sends a one-time correction notice", async ({
  page,
  request,
}) => {
  // Arrange: a phone booking for the first free slot after 09:10 on a working day; the clock at its check-in time
  const clerk = (await seededUsers(request)).find((u) => u.user === "clerk")!;
  const centerId = clerk.principal.centerId!;
  const day = await nextWorkingDayAt(request, centerId, "09:00");
  const token = await tokenFor(request, "clerk");
  const { itemId } = await foodLicence(request, centerId, token);
  const slots = await request.get(`/v1/appointments/slots?centerId=${centerId}&itemId=${itemId}&date=${day}`);
  const slot = ((await slots.json()) as { slots: { start: string; bookable: boolean }[] }).slots.find(
    (s) => s.bookable && Date.parse(s.start) > Date.parse(`${day}T09:10:00+08:00`),
  )!;
  const booked = await request.post("/v1/appointments", {
    headers: { authorization: `Bearer ${token}`, "idempotency-key": crypto.randomUUID() },
    data: { centerId, itemId, slotStart: slot.start, channel: "phone" },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  const checkInAt = new Date(Date.parse(slot.start) - 5 * 60_000).toISOString();
  expect((await request.post("/_local/clock", { data: { to: checkInAt } })).ok()).toBe(true);
  const applicationId = await submittedFoodLicence(request, centerId, "周补正");

  // Act 1: today's appointments — check in, and the ticket is called ahead of walk-ins
  await signIn(page, /王丽娟/, "/console/window?tab=appointments");
  const row = page.getByRole("row", { name: /食品经营许可（新办）/ }).first();
  await expect(row).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "window-appointments");
  await row.getByRole("button", { name: "签到取号" }).click();
  await expect(page.getByText(/已签到，排队号 Y\d{3,}（预约优先）/)).toBeVisible();

  // Act 2: a consultation about the item, answered with its printable one-time notice (art. 20)
  await page.getByRole("tab", { name: "咨询" }).click();
  await page.getByRole("textbox", { name: "咨询人" }).fill("吴咨询");
  await page.getByRole("combobox", { name: "咨询事项" }).fill("食品经营");
  await page.getByRole("option", { name: /食品经营许可（新办）/ }).click();
  await page.getByRole("textbox", { name: "咨询内容" }).fill("开办餐馆需要哪些材料？");
  await page.getByRole("textbox", { name: "答复内容" }).fill("已按办事指南一次性告知全部材料。");
  await page.getByRole("button", { name: "登记", exact: true }).click();
  await expect(page.getByText("咨询已登记。")).toBeVisible();
  const printed = page.waitForEvent("popup");
  await page.getByRole("button", { name: "打印一次性告知单" }).click();
  const notice = await printed;
  await expect(notice.locator("body")).toContainText("食品经营许可申请书");
  await notice.close();
  await expectAccessible(page);

  // Act 3: an application whose floor plan does not show the zones gets a one-time written correction notice
  await page.goto(`/console/applications/${applicationId}`);
  await page.getByRole("radio", { name: "一次性告知补正" }).click({ force: true });
  await choose(page, "补正事项 1 材料", "经营场所平面布局图");
  await page.getByRole("textbox", { name: "补正事项 1 内容" }).fill("平面布局图未标明功能分区");
  await expectAccessible(page);
  await page.getByRole("button", { name: "作出决定并出具文书" }).click();

  // Assert: awaiting correction, and the numbered notice prints with what to correct
  await expect(page.getByText("待补正", { exact: true })).toBeVisible();
  const correction = page.waitForEvent("popup");
  await page.getByRole("button", { name: "打印 补齐补正通知书" }).click();
  const document = await correction;
  await expect(document.locator("body")).toContainText("平面布局图未标明功能分区");
  await expect(document.locator("body")).toContainText("周补正");
  await screenshots(page, "window-correction");
});
