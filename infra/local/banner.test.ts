import { describe, expect, it } from "vitest";
import { webhookBanner } from "./banner.ts";

describe("npm start's banner", () => {
  it("never prints a webhook secret the operator set, only the development value", () => {
    // Act
    const set = webhookBanner("http://127.0.0.1:3000", "s3cret-from-vault", {
      HOTLINE_WEBHOOK_SECRET: "s3cret-from-vault",
    });
    const development = webhookBanner("http://127.0.0.1:3000", "dev-value", {});

    // Assert
    expect(set.join("\n")).not.toContain("s3cret-from-vault");
    expect(set[0]).toContain("the HOTLINE_WEBHOOK_SECRET you set");
    expect(development[0]).toContain('HOTLINE_WEBHOOK_SECRET="dev-value" (a development value)');
  });
});
