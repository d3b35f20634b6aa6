import { defineConfig } from "@playwright/test";

/**
 * Browser tests of the console (issue 18): Debian's Chromium (never a downloaded browser — `.ci/run` installs it),
 * against the stack `npm start` runs, on its own ports so it never meets a developer's `npm start` or the integration
 * suite's stack. Screenshots of every failure are kept in .local/e2e-results.
 */
const PORT = Number(process.env.E2E_PORT ?? 3300);

export default defineConfig({
  testDir: "test/e2e",
  timeout: 60_000,
  workers: 1,
  reporter: [["list"]],
  outputDir: ".local/e2e-results",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // As root (CI, this machine kind) Chromium's sandbox cannot start.
      args: ["--no-sandbox"],
    },
  },
  webServer: {
    command: "node --import tsx infra/local/main.ts",
    env: {
      PORT: String(PORT),
      DYNAMODB_PORT: String(PORT + 5000),
      SQS_PORT: String(PORT + 6300),
      S3_PORT: String(PORT + 1300),
      LOG_LEVEL: "WARN",
    },
    // Ready once the seed data is in (the API answers earlier, while it is written)
    url: `http://127.0.0.1:${PORT}/_local/ready`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
