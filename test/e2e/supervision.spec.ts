/// <reference lib="dom" />
import { expect, test } from "@playwright/test";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { envelopeOf } from "../support/envelope.ts";
import { SIMULATED_DAY, visitEvents, visits } from "../support/simulated-day.ts";
import {
  drain,
  expectAccessible,
  foodLicence,
  nextWorkingDayAt,
  screenshots,
  seededUser,
  signIn,
  acceptedFoodLicence,
  tokenFor,
  authHeaders,
} from "./support.ts";

const auth = authHeaders;

test("a center's day dashboard shows the arrivals and waits the API computes, chart by chart with its figures", async ({
  page,
  request,
}) => {
  // Arrange: a morning at window B01 — walk-ins at 09:05, called and served through the hour and the next
  const { centerId } = await seededUser(request, "clerk");
  const day = await nextWorkingDayAt(request, centerId, "09:05");
  const windowId = (
    (await (await request.get("/v1/me/staff", { headers: await auth(request, "clerk") })).json()) as {
      windowId: string;
    }
  ).windowId;
  const { itemId } = await foodLicence(request, centerId, await tokenFor(request, "clerk"));
  for (let i = 0; i < 3; i++) {
    const issued = await request.post("/v1/tickets", {
      headers: await auth(request, "clerk"),
      data: { service: "application", itemId },
    });
    expect(issued.status(), await issued.text()).toBe(201);
  }
  for (const at of ["09:20", "09:50", "10:15"]) {
    await request.post("/_local/clock", { data: { to: `${day}T${at}:00+08:00` } });
    const called = await request.post(`/v1/windows/${windowId}/call-next`, {
      headers: await auth(request, "clerk"),
    });
    expect(called.status(), await called.text()).toBe(200);
    const ticket = ((await called.json()) as { ticket: { id: string } | null }).ticket!;
    await request.post(`/v1/tickets/${ticket.id}/serve`, { headers: await auth(request, "clerk") });
    await request.post(`/v1/tickets/${ticket.id}/complete`, { headers: await auth(request, "clerk") });
  }
  await drain(request);
  const api = (await (
    await request.get(`/v1/metrics/centers/${centerId}?from=${day}&to=${day}&by=hour`, {
      headers: await auth(request, "admin"),
    })
  ).json()) as {
    total: { arrivals: number };
    rows: { period: string; queue: string; arrivals: number; waiting: { p50Minutes: number | null } }[];
  };

  // Act: the administration opens the day
  await signIn(page, /赵敏/, `/console/supervision/day?date=${day}`);
  await expect(page.getByRole("heading", { name: /中心运行日报/ })).toBeVisible();
  await expect(page.getByLabel("全天合计")).toContainText(`全天到达 ${api.total.arrivals} 人次`);

  // Assert: for the queue shown, each hour's arrivals and median wait are the API's
  const queue = api.rows.reduce<Record<string, number>>(
    (acc, r) => ({ ...acc, [r.queue]: (acc[r.queue] ?? 0) + r.arrivals }),
    {},
  );
  const busiest = Object.entries(queue).sort((a, b) => b[1] - a[1])[0]![0];
  const rows = api.rows.filter((r) => r.queue === busiest);
  expect(rows.some((r) => r.waiting.p50Minutes !== null)).toBe(true); // the calls' waits were measured
  const arrivals = page.getByRole("table", { name: "每小时到达人次" });
  await expect(arrivals.getByRole("row").nth(1).getByRole("cell")).toHaveText(
    rows.map((r) => String(r.arrivals)),
  );
  const waits = page.getByRole("table", { name: "等候时间与服务水平" });
  await expect(waits.getByRole("row").nth(1).getByRole("cell")).toHaveText(
    rows.map((r) => (r.waiting.p50Minutes === null ? "—" : r.waiting.p50Minutes.toFixed(1))),
  );
  await expect(page.getByRole("figure", { name: /每小时到达人次/ }).locator("canvas")).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "supervision-day");
});

test("the monthly indicators put the month beside the one before, and export the CSV the API serves", async ({
  page,
  request,
}) => {
  // Arrange: this month, as the stack's clock has it, and the API's own answers for it
  const { centerId } = await seededUser(request, "admin");
  const now = ((await (await request.get("/_local/clock")).json()) as { now: string }).now;
  const month = new Date(Date.parse(now) + 8 * 3_600_000).toISOString().slice(0, 7);
  const headers = { authorization: `Bearer ${await tokenFor(request, "admin")}` };
  const report = (await (
    await request.get(`/v1/reports/indicators?centerId=${centerId}&month=${month}`, { headers })
  ).json()) as { center: { cases: { completed: number; overdue: number } } };
  const csv = await (
    await request.get(`/v1/reports/indicators?centerId=${centerId}&month=${month}&format=csv`, { headers })
  ).text();

  // Act
  await signIn(page, /赵敏/, `/console/supervision/month?month=${month}`);
  const table = page.getByRole("table", { name: "月度指标：本月与上月" });
  await expect(table).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出 CSV" }).click();
  const download = await downloading;

  // Assert: the figures are the API's, and the file is the API's CSV byte for byte
  await expect(
    table
      .getByRole("row", { name: /^办结件数/ })
      .getByRole("cell")
      .nth(1),
  ).toHaveText(String(report.center.cases.completed));
  await expect(
    table
      .getByRole("row", { name: /^超期件数/ })
      .getByRole("cell")
      .nth(1),
  ).toHaveText(String(report.center.cases.overdue));
  expect(download.suggestedFilename()).toBe(`indicators-${month}.csv`);
  const { readFile } = await import("node:fs/promises");
  expect(await readFile((await download.path())!, "utf8")).toBe(csv);
  await expectAccessible(page);
  await screenshots(page, "supervision-month");
});

test("the city's supervisor sees the warnings of every center, red first, as the API counts them", async ({
  page,
  request,
}) => {
  // Arrange: a Haidian case accepted and claimed, the clock moved just past its review's red level
  const { centerId } = await seededUser(request, "clerk");
  const caseId = await acceptedFoodLicence(request, centerId, "逾期测试");
  const claimed = await request.post(`/v1/applications/${caseId}/review/claim`, {
    headers: await auth(request, "approver"),
  });
  expect(claimed.status(), await claimed.text()).toBe(200);
  await drain(request);
  const clocks = (await (
    await request.get(`/v1/applications/${caseId}/clocks`, { headers: await auth(request, "clerk") })
  ).json()) as { clocks: { stage: string; warnAt?: { red: string } }[] };
  const red = clocks.clocks.find((c) => c.stage === "review")!.warnAt!.red;
  await request.post("/_local/clock", {
    data: { to: new Date(Date.parse(red) + 30 * 60_000).toISOString() },
  });
  await drain(request);
  const api = (await (
    await request.get("/v1/supervision/warnings?limit=200", {
      headers: await auth(request, "citySupervisor"),
    })
  ).json()) as {
    centers: { centerId: string; name: string; red: number; yellow: number; reminder: number }[];
    items: { subjectId: string; level: string }[];
  };
  const haidian = api.centers.find((c) => c.centerId === centerId)!;
  expect(haidian.red).toBeGreaterThan(0);

  // Act
  await signIn(page, /孟凡超/, "/console/supervision/warnings");

  // Assert: Haidian's row is the API's counts; the list starts with a red warning and holds the overdue case
  const table = page.getByRole("table", { name: "各中心未处理预警" });
  await expect(table.getByRole("row", { name: new RegExp(`^${haidian.name}`) }).getByRole("cell")).toHaveText(
    [
      String(haidian.red),
      String(haidian.yellow),
      String(haidian.reminder),
      String(haidian.red + haidian.yellow + haidian.reminder),
    ],
  );
  const rows = page.locator(".el-table__body tr");
  await expect(rows.first()).toContainText("红色预警");
  await expect(page.locator(".el-table__body")).toContainText(caseId);
  await expectAccessible(page);
  await screenshots(page, "supervision-warnings");
});

test("after the integration suite's simulated day, the day dashboard shows the API's arrivals and waits hour by hour", async ({
  page,
  request,
}) => {
  // Arrange: the simulated day's tickets, put on monitoring's queue as intake publishes them
  const { centerId } = await seededUser(request, "admin");
  const queues = (await (await request.get("/_local/queues")).json()) as Record<string, { url: string }>;
  const url = queues["monitoring-events"]!.url;
  const sqs = new SQSClient({
    endpoint: new URL(url).origin,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  for (const visit of visits)
    for (const { type, data } of visitEvents(centerId, visit)) {
      const { envelope, attributes } = envelopeOf(type, data);
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: JSON.stringify(envelope),
          MessageAttributes: attributes,
        }),
      );
    }
  await drain(request);
  const api = (await (
    await request.get(`/v1/metrics/centers/${centerId}?from=${SIMULATED_DAY}&to=${SIMULATED_DAY}&by=hour`, {
      headers: await auth(request, "admin"),
    })
  ).json()) as {
    total: { arrivals: number };
    rows: {
      queue: string;
      arrivals: number;
      waiting: { p50Minutes: number | null; p90Minutes: number | null };
      serviceLevel: number | null;
    }[];
  };
  const rows = api.rows.filter((r) => r.queue === "application");
  expect(rows.map((r) => r.arrivals)).toEqual([4, 2]); // the timetable's hours at nine and ten

  // Act
  await signIn(page, /赵敏/, `/console/supervision/day?date=${SIMULATED_DAY}`);

  // Assert: the day's total, each hour's arrivals, p50 and p90 waits are the API's
  await expect(page.getByLabel("全天合计")).toContainText(`全天到达 ${api.total.arrivals} 人次`);
  const arrivals = page.getByRole("table", { name: "每小时到达人次" });
  await expect(arrivals.getByRole("row").nth(1).getByRole("cell")).toHaveText(
    rows.map((r) => String(r.arrivals)),
  );
  const waits = page.getByRole("table", { name: "等候时间与服务水平" });
  const minutes = (m: number | null) => (m === null ? "—" : m.toFixed(1));
  await expect(waits.getByRole("row").nth(1).getByRole("cell")).toHaveText(
    rows.map((r) => minutes(r.waiting.p50Minutes)),
  );
  await expect(waits.getByRole("row").nth(2).getByRole("cell")).toHaveText(
    rows.map((r) => minutes(r.waiting.p90Minutes)),
  );
  await expectAccessible(page);
  await screenshots(page, "supervision-simulated-day");

  // It prints as the content only: no console header or toolbar, every chart's canvas within its figure, the tables
  // whole; the PDF is kept with the results for people to look at
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".el-header")).toBeHidden();
  await expect(page.getByRole("button", { name: "打印" })).toBeHidden();
  const overflow = await page
    .locator("figure.chart")
    .evaluateAll((figures) =>
      figures.filter(
        (f) => f.querySelector("canvas")!.getBoundingClientRect().width > f.getBoundingClientRect().width + 1,
      ),
    );
  expect(overflow).toHaveLength(0);
  await expect(page.locator("table.figures").first()).toHaveCSS("display", "table");
  const pdf = await page.pdf({ format: "A4", path: ".local/e2e-results/supervision-simulated-day.pdf" });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  await page.emulateMedia({ media: "screen" });
});
