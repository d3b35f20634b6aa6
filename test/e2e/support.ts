/// <reference lib="dom" />
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** No serious or critical accessibility violation on the page as it stands (适老化, issue 18). */
export async function expectAccessible(page: Page) {
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
