/// <reference lib="dom" />
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import {
  choose,
  drain,
  expectAccessible,
  nextWorkingDayAt,
  screenshots,
  seededUsers,
  signIn,
  tokenFor,
} from "./support.ts";

/** Files whose first bytes are what they say (the API sniffs them), small enough to upload quickly. */
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const png = (text: string) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(text)]);
const jpeg = (text: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(text)]);

const upload = (page: Page, material: string) =>
  page.locator(`input[type=file][data-material="${material}"]`);
const materialBlock = (page: Page, material: string) =>
  page.locator(".material", { has: page.getByRole("heading", { name: material }) });

/** The case's state, as the applicant's case page shows it beside its number. */
const caseState = (page: Page) => page.locator(".facts .el-tag");

async function as(request: APIRequestContext, user: string) {
  return { authorization: `Bearer ${await tokenFor(request, user)}`, "idempotency-key": crypto.randomUUID() };
}

test("an applicant finds the food licence, books a time, applies online with scans, answers a correction notice, follows the decision, takes the result electronically and rates it", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(180_000);
  // Arrange: the Haidian center on a working morning
  const users = await seededUsers(request);
  const centerId = users.find((u) => u.user === "clerk")!.principal.centerId!;
  const today = await nextWorkingDayAt(request, centerId, "09:30");
  const workdays = (await (
    await request.get(
      `/v1/calendar/workdays?from=${today}&to=${new Date(Date.parse(today) + 20 * 86_400_000).toISOString().slice(0, 10)}&centerId=${centerId}`,
    )
  ).json()) as { workdays: string[] };
  const [, month, day] = workdays.workdays
    .find((d) => d > today)!
    .split("-")
    .map(Number);
  const nextWorkingDay = new RegExp(`^${month}/${day}`);
  const center = (await (await request.get(`/v1/centers/${centerId}`)).json()) as { name: string };

  // Act 1: the applicant signs in (real-name verified) and finds the item and its guide
  await signIn(page, /王小明/, "/portal/sign-in");
  await expect(page.getByRole("heading", { name: "查找办事事项" })).toBeVisible();
  await page.getByRole("textbox", { name: "事项名称或编码" }).fill("食品经营许可");
  await page.getByRole("button", { name: "搜索" }).click();
  await page.getByRole("link", { name: /食品经营许可（新办）/ }).click();
  await choose(page, "选择办事地点", center.name);
  await expect(page.getByRole("heading", { name: "申请材料" })).toBeVisible();
  await expect(page.getByText(center.name, { exact: false }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "办理时限" })).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "portal-guide");

  // Act 2: the next working day's first time is taken by others (shown full); books the first free one, moves it
  const itemId = page.url().split("/items/")[1]!.split("?")[0]!;
  const slotDay = workdays.workdays.find((d) => d > today)!;
  const slots = (await (
    await request.get(`/v1/appointments/slots?centerId=${centerId}&itemId=${itemId}&date=${slotDay}`)
  ).json()) as { slots: { start: string; remaining: number; extendedHours: boolean }[] };
  const taken = slots.slots.find((s) => s.remaining > 0 && !s.extendedHours)!;
  for (let i = 0; i < taken.remaining; i++) {
    const other = await request.post("/_local/token", {
      data: { role: "applicant", sub: `usr_e2e_${crypto.randomUUID()}` },
    });
    const booked = await request.post("/v1/appointments", {
      headers: {
        authorization: `Bearer ${((await other.json()) as { token: string }).token}`,
        "idempotency-key": crypto.randomUUID(),
      },
      data: { centerId, itemId, slotStart: taken.start, channel: "online" },
    });
    expect(booked.status(), await booked.text()).toBe(201);
  }
  await page.getByRole("button", { name: "预约办理" }).click();
  await page.getByRole("radio", { name: nextWorkingDay }).click({ force: true });
  const legalHours = page.getByRole("group", { name: "法定工作时间" });
  await expect(legalHours).toBeVisible();
  const full = legalHours.getByRole("button", { name: /已约满/ }).first();
  await expect(full).toBeDisabled();
  await expectAccessible(page);
  await screenshots(page, "portal-book");
  await legalHours.getByRole("button", { disabled: false }).first().click();
  await page.getByRole("button", { name: /^确认预约/ }).click();
  await expect(page).toHaveURL(/\/portal\/appointments$/);
  const booked = page.locator(".appointment").first();
  await expect(booked).toContainText("已预约");
  await expect(booked).toContainText("食品经营许可（新办）");
  const firstTime = await booked.locator(".when strong").textContent();
  await booked.getByRole("button", { name: "改约" }).click();
  await expect(page.getByRole("heading", { name: /^改约/ })).toBeVisible();
  await page.getByRole("radio", { name: nextWorkingDay }).click({ force: true });
  await page
    .getByRole("group", { name: "法定工作时间" })
    .getByRole("button", { disabled: false })
    .nth(3)
    .click();
  await page.getByRole("button", { name: /^确认预约/ }).click();
  await expect(page).toHaveURL(/\/portal\/appointments$/);
  await expect(page.locator(".appointment").first().locator(".when strong")).not.toHaveText(firstTime!);
  await expectAccessible(page);
  // …and cancels it after all: the online application needs no visit
  await page.locator(".appointment").first().getByRole("button", { name: "取消预约" }).click();
  await page.getByRole("button", { name: "确定" }).click();
  await expect(page.locator(".appointment").first()).toContainText("已取消");

  // Act 3: applies online for the organisation, uploading its scans; a fake and an oversized file are refused
  await page.getByRole("link", { name: "查找事项" }).click();
  await page.getByRole("textbox", { name: "事项名称或编码" }).fill("食品经营许可");
  await page.getByRole("button", { name: "搜索" }).click();
  await page.getByRole("link", { name: /食品经营许可（新办）/ }).click();
  await choose(page, "选择办事地点", center.name);
  await page.getByRole("button", { name: "在线申请" }).click();
  await expect(page.getByRole("heading", { name: /^在线申请/ })).toBeVisible();
  await page
    .getByRole("radio", { name: /单位（统一社会信用代码 91330100799655058B）/ })
    .click({ force: true });
  await page.getByRole("textbox", { name: "单位名称" }).fill("北京海淀示例餐饮有限公司");
  await page.getByRole("textbox", { name: "法定代表人" }).fill("李华");
  await page.getByRole("textbox", { name: "联系人" }).fill("李华");
  await page.getByRole("textbox", { name: "联系电话" }).fill("13812345678");

  await upload(page, "食品经营许可申请书").setInputFiles({
    name: "申请书.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("这不是 PDF 文件，只是改了扩展名的文本"),
  });
  await expect(materialBlock(page, "食品经营许可申请书")).toContainText("文件内容与其类型不符");
  await upload(page, "食品经营许可申请书").setInputFiles({
    name: "申请书-扫描.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.alloc(11 * 1024 * 1024, 0x25),
  });
  await expect(materialBlock(page, "食品经营许可申请书")).toContainText("文件过大");
  await expectAccessible(page);
  await screenshots(page, "portal-apply-refused");

  await upload(page, "食品经营许可申请书").setInputFiles({
    name: "申请书.pdf",
    mimeType: "application/pdf",
    buffer: pdf("application form"),
  });
  await expect(materialBlock(page, "食品经营许可申请书")).toContainText("已上传并通过校验：申请书.pdf");
  await upload(page, "法定代表人（负责人）居民身份证").setInputFiles({
    name: "身份证.jpg",
    mimeType: "image/jpeg",
    buffer: jpeg("id card"),
  });
  await expect(materialBlock(page, "法定代表人（负责人）居民身份证")).toContainText("已上传并通过校验");
  await upload(page, "经营场所平面布局图").setInputFiles({
    name: "平面图.png",
    mimeType: "image/png",
    buffer: png("floor plan, first draft"),
  });
  await expect(materialBlock(page, "经营场所平面布局图")).toContainText("已上传并通过校验");
  for (const material of ["食品安全管理制度文本", "主要设备设施清单"])
    await materialBlock(page, material).getByText("以告知承诺代替").click();
  await expectAccessible(page);
  await screenshots(page, "portal-apply");
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page).toHaveURL(/\/portal\/applications\/app_/);
  const applicationId = page.url().split("/").at(-1)!;
  await expect(caseState(page)).toHaveText("待受理");
  await expect(page.getByText("营业执照：电子证照")).toBeVisible();
  const submitted = (await (
    await request.get(`/v1/applications/${applicationId}`, { headers: await as(request, "clerk") })
  ).json()) as { materials: { name: string; status: string; file?: { fileId: string; fileName: string } }[] };
  expect(submitted.materials.filter((m) => m.status === "electronic").map((m) => m.file!.fileName)).toEqual([
    "申请书.pdf",
    "身份证.jpg",
    "平面图.png",
  ]);
  const firstPlan = submitted.materials.find((m) => m.name === "经营场所平面布局图")!.file!.fileId;

  // Act 4: at the window, the clerk opens the uploaded floor plan (the access is recorded) and asks for a clearer one
  const clerk = await context.newPage();
  await signIn(clerk, /王丽娟/, `/console/applications/${applicationId}`);
  const opened = clerk.waitForEvent("popup");
  await clerk.getByRole("button", { name: "查看 平面图.png" }).click();
  const file = await opened;
  await file.waitForURL(/X-Amz-Signature=/);
  await file.close();
  await clerk.getByRole("radio", { name: "一次性告知补正" }).click({ force: true });
  await choose(clerk, "补正事项 1 材料", "经营场所平面布局图");
  await clerk.getByRole("textbox", { name: "补正事项 1 内容" }).fill("平面布局图未标明功能分区");
  await clerk.getByRole("button", { name: "作出决定并出具文书" }).click();
  await expect(clerk.getByText("待补正", { exact: true })).toBeVisible();

  // Act 5: the applicant sees the notice, and uploads the corrected plan — only what the notice asks for
  await page.reload();
  await expect(caseState(page)).toHaveText("待补正");
  await expect(page.getByText("平面布局图未标明功能分区")).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "portal-correction");
  await expect(page.locator("input[type=file]")).toHaveCount(1);
  await upload(page, "经营场所平面布局图").setInputFiles({
    name: "平面图-修改.png",
    mimeType: "image/png",
    buffer: png("floor plan with zones"),
  });
  await expect(page.getByText("已上传并通过校验：平面图-修改.png")).toBeVisible();
  await page.getByRole("button", { name: "提交补正材料" }).click();
  await expect(caseState(page)).toHaveText("待受理");

  // Act 6: the window accepts; the market department decides (through the API: the console's flows have their tests)
  await clerk.reload();
  await clerk.getByRole("button", { name: "作出决定并出具文书" }).click();
  await expect(clerk.getByText("已受理", { exact: true })).toBeVisible();
  await page.reload();
  await expect(caseState(page)).toHaveText("已受理");
  await expect(page.getByText(/^剩余 \d+ 个工作日$/)).toBeVisible();
  await expect(page.getByText(/受理凭证/)).toBeVisible();
  await drain(request);
  const claimed = await request.post(`/v1/applications/${applicationId}/review/claim`, {
    headers: await as(request, "approver"),
  });
  expect(claimed.status(), await claimed.text()).toBe(200);
  const decided = await request.post(`/v1/applications/${applicationId}/decision`, {
    headers: await as(request, "approver"),
    data: { decision: "approved" },
  });
  expect(decided.status(), await decided.text()).toBe(200);
  await drain(request);

  // Act 7: the applicant follows the decision and takes the result electronically
  await page.reload();
  await expect(caseState(page)).toHaveText("已办结");
  await expect(page.getByText("已作出决定：准予许可")).toBeVisible();
  await page.getByRole("radio", { name: "电子送达（在线获取）" }).click({ force: true });
  await page.getByRole("button", { name: "确定", exact: true }).click();
  await drain(request);
  await page.reload();
  const result = page.waitForEvent("popup");
  await page.getByRole("link", { name: "查看办理结果" }).click();
  const resultPage = await result;
  await expect(resultPage.locator("body")).toContainText("北京海淀示例餐饮有限公司");
  await resultPage.close();
  await expectAccessible(page);
  await screenshots(page, "portal-case");

  // Act 8: and rates the case, online dimensions included
  await page.getByRole("radio", { name: "非常满意" }).first().click({ force: true });
  await choose(page, "办事效率", "非常满意");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByText("感谢您的评价。")).toBeVisible();

  // Act 9: and, from the case, leaves a complaint about the service (anonymous is allowed; here with a phone)
  await page.getByRole("link", { name: "对本件办理有意见？投诉建议" }).click();
  await page.getByRole("textbox", { name: "投诉内容" }).fill("补正通知到达前窗口未主动电话告知，希望改进。");
  await page.getByRole("textbox", { name: "联系电话（选填）" }).fill("13812345678");
  await expectAccessible(page);
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("status")).toContainText(/已收到，工单号 wko_/);

  // Assert: the clerk's opening of the first floor plan is on record — who, when, which file
  const accesses = await request.get(`/v1/applications/${applicationId}/files/${firstPlan}/accesses`, {
    headers: await as(request, "admin"),
  });
  expect(accesses.status(), await accesses.text()).toBe(200);
  const clerkSub = users.find((u) => u.user === "clerk")!.principal.sub;
  expect(((await accesses.json()) as { items: { fileId: string; by: { id: string } }[] }).items).toEqual([
    expect.objectContaining({ fileId: firstPlan, by: expect.objectContaining({ id: clerkSub }) }),
  ]);
});

test("a foreign applicant reads a guide in English, is told where a guide has none, and keeps the choice", async ({
  page,
}) => {
  // Arrange: no sign-in — guides are public
  await page.goto("/portal/");
  await page.getByRole("textbox", { name: "事项名称或编码" }).fill("食品经营许可");
  await page.getByRole("button", { name: "搜索" }).click();
  await page.getByRole("link", { name: /食品经营许可（新办）/ }).click();
  await expect(page.getByRole("heading", { name: "受理条件" })).toBeVisible();

  // Act: switches to English on the guide
  await page.getByRole("button", { name: "English" }).click();

  // Assert: the department's English text, the portal's own words in English, the page's language said
  await expect(page.getByRole("heading", { name: "Food Business Licence" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Conditions" })).toBeVisible();
  await expect(page.getByText("Floor plan of the business premises")).toBeVisible();
  await expect(page.getByRole("link", { name: "Find a service" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectAccessible(page);
  await screenshots(page, "portal-guide-english");

  // …a guide with no English text says so, and shows the Chinese
  await page.getByRole("link", { name: "Find a service" }).click();
  await page.getByRole("textbox", { name: "Service name or code" }).fill("个体工商户设立登记");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: /个体工商户设立登记/ }).click();
  await expect(page.getByText("This guide has no English text yet; it is shown in Chinese.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Conditions" })).toBeVisible();

  // …and the choice stays with the next visit
  await page.reload();
  await expect(page.getByRole("link", { name: "My applications" })).toBeVisible();
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("link", { name: "我的办件" })).toBeVisible();
});

test("an applicant applies for two services together as one thing (一件事一次办), each with its own materials", async ({
  page,
  request,
}) => {
  // Arrange
  const centerId = (await seededUsers(request)).find((u) => u.user === "clerk")!.principal.centerId!;
  await nextWorkingDayAt(request, centerId, "10:00");
  const found = (await (
    await request.get(`/v1/items?q=${encodeURIComponent("就业登记")}&centerId=${centerId}&limit=5`)
  ).json()) as { items: { id: string; name: string }[] };
  const employment = found.items.find((i) => i.name === "就业登记")!;
  await signIn(page, /王小明/, `/portal/items/${employment.id}/apply?centerId=${centerId}`);

  // Act: adds the social security card, uploads what neither e-license covers, and submits once
  await expect(page.getByRole("heading", { name: /^在线申请：就业登记/ })).toBeVisible();
  await choose(page, "选择一并办理的事项", "社会保障卡申领");
  await page.getByRole("button", { name: "加入", exact: true }).click();
  await expect(page.getByRole("group", { name: "社会保障卡申领 · 申请材料" })).toBeVisible();
  await upload(page, "劳动合同").setInputFiles({
    name: "劳动合同.pdf",
    mimeType: "application/pdf",
    buffer: pdf("labour contract"),
  });
  await upload(page, "社会保障卡申领登记表").setInputFiles({
    name: "登记表.pdf",
    mimeType: "application/pdf",
    buffer: pdf("registration form"),
  });
  await expect(page.getByText(/已上传并通过校验/)).toHaveCount(2);
  await expectAccessible(page);
  await screenshots(page, "portal-bundle");
  await page.getByRole("button", { name: "提交申请" }).click();

  // Assert: both applications, one bundle, each with its file as an electronic material
  await expect(page).toHaveURL(/\/portal\/applications$/);
  await expect(page.getByRole("link", { name: /就业登记/ }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: /社会保障卡申领/ }).first()).toBeVisible();
  await page
    .getByRole("link", { name: /社会保障卡申领/ })
    .first()
    .click();
  await expect(page.getByText("社会保障卡申领登记表：电子文件（登记表.pdf）")).toBeVisible();
  await expect(page.getByText("居民身份证：电子证照")).toBeVisible();
});
