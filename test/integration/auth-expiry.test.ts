import { describe, expect, it } from "vitest";
import { advanceClock, request } from "./support/api.ts";
import { itemInput } from "./support/factories.ts";

describe("token expiry on virtual time", () => {
  it("accepts a token until it expires, then answers 401", async () => {
    // Arrange
    const minted = await request("POST", "/_local/token", { body: { user: "admin", expiresInSeconds: 60 } });
    const token = minted.body.token as string;
    expect((await request("POST", "/v1/items", { token, body: itemInput() })).status).toBe(201);
    // Act
    await advanceClock("PT2M");
    const res = await request("POST", "/v1/items", { token, body: itemInput() });
    // Assert
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/expired/);
  });
});
