import { describe, expect, it } from "vitest";
import { identityFields } from "../../../shared/auth/identity-fields.ts";
import { parseIdentityClaims } from "./claim-mapping.ts";

describe("config.json's claim mapping", () => {
  it("is none without the setting: tokens are read as before issue 23", () => {
    expect(parseIdentityClaims(undefined)).toBeUndefined();
    expect(identityFields({ sub: "u1", "custom:role": "clerk", centerId: "ctr_x" })).toMatchObject({
      sub: "u1",
      role: "clerk",
      centerId: "ctr_x",
      departmentId: undefined,
    });
  });

  it("takes dotted paths and segment lists, null for a field the provider does not carry, and role values", () => {
    const json = JSON.stringify({
      role: "realm_access.roles",
      centerId: ["https://idp.example/center"],
      organisations: null,
      roleValues: { 审批人员: "approver" },
    });
    expect(parseIdentityClaims(json)).toEqual({
      role: ["realm_access", "roles"],
      centerId: ["https://idp.example/center"],
      organisations: null,
      roleValues: { 审批人员: "approver" },
    });
  });

  it.each([
    ["not JSON", "{role:"],
    ["not an object", "[]"],
    [
      "a misspelt field, which would otherwise fall back silently",
      JSON.stringify({ centreId: "org.center" }),
    ],
    ["an empty segment", JSON.stringify({ centerId: "org..center" })],
    ["an empty path", JSON.stringify({ centerId: "" })],
    ["a path that is no string", JSON.stringify({ centerId: 3 })],
    ["a subject the provider does not carry", JSON.stringify({ sub: null })],
    ["a role the provider does not carry", JSON.stringify({ role: null })],
    ["a role value that is no system role", JSON.stringify({ roleValues: { 管理员: "root" } })],
    ["role values that name none", JSON.stringify({ roleValues: {} })],
  ])("is refused when it has %s, as the API refuses it", (_, json) => {
    expect(() => parseIdentityClaims(json)).toThrow(/identity claims/);
  });

  it("reads a list of roles to the one the mapping knows, ignoring values that map to none", () => {
    const mapping = parseIdentityClaims(JSON.stringify({ role: "roles", roleValues: { 窗口人员: "clerk" } }));
    expect(identityFields({ roles: ["offline_access", "窗口人员", "窗口人员"] }, mapping).role).toBe("clerk");
    expect(identityFields({ roles: ["offline_access"] }, mapping).role).toBeUndefined();
  });
});
