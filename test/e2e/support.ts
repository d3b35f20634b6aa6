/// <reference lib="dom" />
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** No serious or critical accessibility violation on the page as it stands (适老化, issue 18). */
export async function expectAccessible(page: Page) {
  // Menus, messages and tags fade or zoom in and out: a half-faded text would be judged by its colour mid-fade. Vue
  // starts an entering element's transition on the frame after it adds its classes, so two frames pass first: a tag
  // that had just appeared was judged mid-zoom once, its transition not yet started when the check ran (CI at 236574c).
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  const { violations } = await new AxeBuilder({ page }).analyze();
  const grave = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    grave.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

/** Signs in through the local sign-in page as the seeded user whose button matches `name`. */
export async function signIn(page: Page, name: RegExp, to = "/console/") {
  await page.goto(to);
  await page.getByRole("button", { name }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}

/** Screenshots at a desk's and a phone's width, kept with the test results for people to look at. */
export async function screenshots(page: Page, name: string) {
  await page.screenshot({ path: `.local/e2e-results/${name}-desk.png`, fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `.local/e2e-results/${name}-phone.png`, fullPage: true });
  if (size) await page.setViewportSize(size);
}

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Moves the stack's virtual clock (it only moves forward) to `hhmm` Beijing time on the center's first working day
 * after the current one, so the windows are open whatever the real time is. Returns that date.
 */
export async function nextWorkingDayAt(request: APIRequestContext, centerId: string, hhmm: string) {
  const now = (await (await request.get("/_local/clock")).json()) as { now: string };
  const today = new Date(Date.parse(now.now) + 8 * 3_600_000).toISOString().slice(0, 10);
  const res = await request.get(
    `/v1/calendar/workdays?from=${plusDays(today, 1)}&to=${plusDays(today, 20)}&centerId=${centerId}`,
  );
  const day = ((await res.json()) as { workdays: string[] }).workdays[0]!;
  const moved = await request.post("/_local/clock", { data: { to: `${day}T${hhmm}:00+08:00` } });
  expect(moved.ok()).toBe(true);
  return day;
}

/** Waits until every event the stack has published so far has been consumed (the projections are up to date). */
export async function drain(request: APIRequestContext) {
  expect((await request.post("/_local/drain")).ok()).toBe(true);
}

/** The seeded users of `npm start` (name → principal), as the local sign-in lists them. */
export async function seededUsers(request: APIRequestContext) {
  const res = await request.get("/_local/users");
  return ((await res.json()) as { items: { user: string; principal: { centerId?: string; sub: string } }[] })
    .items;
}

/** The center a seeded user works in, with their principal. */
export async function seededUser(request: APIRequestContext, user: string) {
  const found = (await seededUsers(request)).find((u) => u.user === user)!;
  return { ...found.principal, centerId: found.principal.centerId! };
}

/** A token for a seeded user, for arranging through the API what a test does not do in the browser. */
export async function tokenFor(request: APIRequestContext, user: string): Promise<string> {
  const res = await request.post("/_local/token", { data: { user } });
  return ((await res.json()) as { token: string }).token;
}

/** The Haidian center's food business licence (an authorized item of its market department) and its guide. */
export async function foodLicence(request: APIRequestContext, centerId: string, token: string) {
  const found = await request.get(
    `/v1/centers/${centerId}/items?q=${encodeURIComponent("食品经营许可")}&limit=5`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  const itemId = ((await found.json()) as { items: { itemId: string }[] }).items[0]!.itemId;
  const item = (await (await request.get(`/v1/items/${itemId}`)).json()) as {
    guide: { materials: { name: string }[] };
  };
  return { itemId, materials: item.guide.materials.map((m) => m.name) };
}

/** An application for the food business licence submitted at the window through the API, waiting for its decision. */
export async function submittedFoodLicence(
  request: APIRequestContext,
  centerId: string,
  applicantName: string,
) {
  const headers = { authorization: `Bearer ${await tokenFor(request, "clerk")}` };
  const { itemId, materials } = await foodLicence(request, centerId, headers.authorization.slice(7));
  const submitted = await request.post("/v1/applications", {
    headers: { ...headers, "idempotency-key": crypto.randomUUID() },
    data: {
      centerId,
      channel: "window",
      itemId,
      applicant: {
        kind: "person",
        name: applicantName,
        idNumber: "11010519491231002X",
        phone: "13800138000",
      },
      materials: materials.map((name) => ({ name })),
    },
  });
  expect(submitted.status(), await submitted.text()).toBe(201);
  return ((await submitted.json()) as { id: string }).id;
}

/** The same, accepted at the window: the review desk's starting point. */
export async function acceptedFoodLicence(
  request: APIRequestContext,
  centerId: string,
  applicantName: string,
) {
  const id = await submittedFoodLicence(request, centerId, applicantName);
  const accepted = await request.post(`/v1/applications/${id}/acceptance`, {
    headers: {
      authorization: `Bearer ${await tokenFor(request, "clerk")}`,
      "idempotency-key": crypto.randomUUID(),
    },
    data: { outcome: "accepted" },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  await drain(request);
  return id;
}

/**
 * Chooses `option` in the Element Plus select labelled `label`, as a person does: open it, click the option, and look
 * that the list closed and the select shows it — or do it again (three times at most). A click can land while the list
 * is still opening or the form above it is shifting (a validation hint going away, on a busy machine), and then
 * chooses nothing.
 */
export async function choose(page: Page, label: string, option: string | RegExp) {
  const select = page
    .getByRole("combobox", { name: label, exact: true })
    .locator("xpath=ancestor::div[contains(@class,'el-select__wrapper')]");
  const visible = page.getByRole("option", { name: option }).filter({ visible: true });
  await select.click();
  for (let attempt = 1; ; attempt++) {
    // The list zooms in: a click while it still moves may land on nothing (bounded: a spinner elsewhere never stops)
    await page
      .waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"), null, {
        timeout: 2_000,
      })
      .catch(() => undefined);
    if (await visible.count()) await visible.click();
    try {
      await expect(visible).toHaveCount(0, { timeout: 3_000 });
      await expect(select).toContainText(option, { timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      if (!(await visible.count())) await select.click();
    }
  }
}

/** At the window desk's queue tab: a walk-in's ticket for the food business licence; returns its number. */
export async function walkInFoodLicenceTicket(page: Page): Promise<string> {
  await page.getByText("为现场群众取号").click();
  await page.getByRole("combobox", { name: "办理事项" }).fill("食品经营");
  await page.getByRole("option", { name: /食品经营许可（新办）/ }).click();
  await page.getByRole("button", { name: "取号", exact: true }).click();
  return (await page.getByRole("status").innerText()).replace("已取号：", "").trim();
}

/**
 * Calls at the window until `number` is the current ticket: calls take the best waiting ticket, and other tests'
 * tickets may be waiting before it (each one before it is marked a no-show).
 */
export async function callUntilCurrent(page: Page, number: string) {
  const current = page.getByTestId("current-ticket");
  for (let i = 0; i < 20 && !(await current.getByText(number).isVisible()); i++) {
    if (await current.isVisible()) await page.getByRole("button", { name: "过号" }).click();
    await page.getByRole("button", { name: "叫下一号" }).click();
    await expect(current).toBeVisible();
  }
  await expect(current.getByText(number)).toBeVisible();
  return current;
}

/** Signs the current user out through the console's button, back to the sign-in page. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/sign-in/);
}

/** A seeded user's authorization header, with a fresh idempotency key for a write. */
export const authHeaders = async (request: APIRequestContext, user: string) => ({
  authorization: `Bearer ${await tokenFor(request, user)}`,
  "idempotency-key": crypto.randomUUID(),
});
