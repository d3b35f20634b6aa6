/// <reference lib="dom" />
import { expect, test } from "@playwright/test";
import {
  callUntilCurrent,
  expectAccessible,
  nextWorkingDayAt,
  screenshots,
  seededUser,
  signIn,
  walkInFoodLicenceTicket,
} from "./support.ts";

declare global {
  interface Window {
    spoken: string[];
  }
}

test("a ticket called at a window appears on the lobby screen within 2 seconds, is spoken, and a blip is told", async ({
  page: lobby,
  context,
  request,
}) => {
  // Arrange: the Haidian center's hall screen (no sign-in), with the browser's speech recorded
  const { centerId } = await seededUser(request, "clerk");
  await nextWorkingDayAt(request, centerId, "10:00");
  await lobby.addInitScript(() => {
    window.spoken = [];
    window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => void window.spoken.push(u.text);
  });
  await lobby.goto(`/console/lobby/${centerId}`);
  await expect(lobby.getByRole("heading", { name: "北京市海淀区政务服务中心" })).toBeVisible();
  await expect(lobby.getByText("政务服务中心工作台")).toHaveCount(0); // the console's frame is not on the TV

  // Act: at window B01 the clerk gives a walk-in a ticket and calls until it is theirs
  const clerk = await context.newPage();
  await signIn(clerk, /王丽娟/, "/console/window");
  const number = await walkInFoodLicenceTicket(clerk);
  await callUntilCurrent(clerk, number);

  // Assert: on the screen within two seconds, with its window, and said aloud in Chinese
  await expect(lobby.locator(".now-number")).toHaveText(number, { timeout: 2000 });
  await expect(lobby.getByRole("region", { name: "当前叫号" })).toContainText("B01");
  await expect.poll(() => lobby.evaluate(() => window.spoken)).toContain(`请 ${number} 号到 B01 号窗口`);
  await expect(lobby.getByText(/等候人数 \d+/)).toBeVisible();
  await expectAccessible(lobby);
  await screenshots(lobby, "lobby-screen");

  // …and a network blip keeps the board on screen and says it is stale, until the network is back
  await lobby.route("**/v1/centers/*/lobby", (route) => route.abort("internetdisconnected"));
  await expect(lobby.getByRole("alert")).toContainText("网络连接中断", { timeout: 8000 });
  await expect(lobby.locator(".now-number")).toHaveText(number);
  await lobby.unroute("**/v1/centers/*/lobby");
  await expect(lobby.getByRole("alert")).toBeHidden({ timeout: 5000 });
});
