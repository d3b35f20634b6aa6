import { describe, expect, it } from "vitest";
import { principalFromClaims, type Principal } from "#shared/auth/principal.ts";
import { ForbiddenError, ValidationError } from "#shared/errors.ts";
import type { Applicant } from "./applicant.ts";
import {
  assertMayApplyAs,
  authorisationRefusal,
  newAuthorisation,
  type Authorisation,
  type AuthorisationInput,
} from "./authorisation.ts";

const WANG = { idNumber: "11010519491231002X", name: "王小明" };
const ZHAO = { idNumber: "110108198707054175", name: "赵敏" };
const COMPANY = "91330100799655058B";
const person = (who = WANG): Applicant => ({ kind: "person", ...who });
const company: Applicant = {
  kind: "organisation",
  name: "北京海淀示例餐饮有限公司",
  creditCode: COMPANY,
  legalRepresentative: "李华",
  contact: { name: "李华", phone: "13812345678" },
};
const account = (extra: Partial<Principal> = {}): Principal => ({
  sub: "usr_1",
  role: "applicant",
  verifiedIdentity: WANG,
  ...extra,
});
const input = (extra: Partial<AuthorisationInput> = {}): AuthorisationInput => ({
  centerId: "ctr_1",
  grantor: person(),
  agent: ZHAO,
  itemIds: ["itm_a"],
  validUntil: "2026-06-30",
  document: { kind: "power-of-attorney", reference: "委托书 1" },
  ...extra,
});
const recorded = (extra: Partial<AuthorisationInput> = {}): Authorisation =>
  newAuthorisation(input(extra), { id: "auz_1", today: "2026-05-11", recordedBy: "usr_c", recordedAt: "x" });

const ruleOf = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ForbiddenError) return error.extensions.rule;
    if (error instanceof ValidationError) return error.errors.map((e) => e.path.join(".")).join();
    throw error;
  }
  return "allowed";
};

describe("whom an online applicant applies as (issue 15)", () => {
  it("is themself by ID number and name, or an organisation the account is verified for", () => {
    expect(ruleOf(() => assertMayApplyAs(account(), person(), ["itm_a"], undefined, "2026-05-11"))).toBe(
      "allowed",
    );
    expect(
      ruleOf(() =>
        assertMayApplyAs(account({ organisations: [COMPANY] }), company, ["itm_a"], undefined, "2026-05-11"),
      ),
    ).toBe("allowed");
  });

  it("is never a stranger, a company the account is not verified for, or an unverified account", () => {
    expect(ruleOf(() => assertMayApplyAs(account(), person(ZHAO), ["itm_a"], undefined, "2026-05-11"))).toBe(
      "not-your-identity",
    );
    expect(ruleOf(() => assertMayApplyAs(account(), company, ["itm_a"], undefined, "2026-05-11"))).toBe(
      "not-your-identity",
    );
    expect(
      ruleOf(() =>
        assertMayApplyAs(
          account({ verifiedIdentity: undefined }),
          person(),
          ["itm_a"],
          undefined,
          "2026-05-11",
        ),
      ),
    ).toBe("identity-not-verified");
    expect(
      ruleOf(() =>
        assertMayApplyAs(account(), { ...person(), name: "王大明" }, ["itm_a"], undefined, "2026-05-11"),
      ),
    ).toBe("applicant.name");
  });

  it("is the grantor of an authorisation naming the account as agent, on the items and days it covers", () => {
    const agent = account({ verifiedIdentity: ZHAO });
    const a = recorded();
    expect(ruleOf(() => assertMayApplyAs(agent, person(), ["itm_a"], a, "2026-05-11"))).toBe("allowed");
    expect(ruleOf(() => assertMayApplyAs(agent, person(), ["itm_b"], a, "2026-05-11"))).toBe(
      "not-authorised",
    );
    expect(ruleOf(() => assertMayApplyAs(agent, person(), ["itm_a"], a, "2026-07-01"))).toBe(
      "not-authorised",
    );
    expect(ruleOf(() => assertMayApplyAs(account(), person(), ["itm_a"], a, "2026-05-11"))).toBe(
      "not-authorised",
    );
    expect(
      ruleOf(() => assertMayApplyAs(agent, person(), ["itm_a"], { ...a, revokedAt: "x" }, "2026-05-11")),
    ).toBe("not-authorised");
  });
});

describe("an authorisation", () => {
  it("covers every item when it names none, from the day it is recorded to its last day", () => {
    const a = recorded({ itemIds: undefined });
    expect(authorisationRefusal(a, "itm_z", "2026-05-11")).toBeUndefined();
    expect(authorisationRefusal(a, "itm_z", "2026-06-30")).toBeUndefined();
    expect(authorisationRefusal(a, "itm_z", "2026-05-10")).toContain("not valid");
  });

  it("holds a year at most, is not already past, and never names the grantor as agent", () => {
    expect(ruleOf(() => recorded({ validUntil: "2027-05-13" }))).toBe("validUntil");
    expect(ruleOf(() => recorded({ validUntil: "2026-05-10" }))).toBe("validUntil");
    expect(ruleOf(() => recorded({ agent: WANG }))).toBe("agent.idNumber");
  });
});

describe("the verified identity in a token", () => {
  it("is read from Cognito's custom attributes, organisations comma-separated, for applicants only", () => {
    const claims = {
      sub: "u",
      "custom:role": "applicant",
      "custom:verifiedIdNumber": WANG.idNumber,
      "custom:verifiedName": WANG.name,
      "custom:organisations": `${COMPANY},`,
    };
    expect(principalFromClaims(claims)).toMatchObject({ verifiedIdentity: WANG, organisations: [COMPANY] });
    expect(
      principalFromClaims({
        ...claims,
        "custom:role": "clerk",
        "custom:centerId": "ctr_01ARZ3NDEKTSV4RRFFQ69G5FAV",
      }),
    ).not.toHaveProperty("verifiedIdentity");
  });

  it("makes no principal of a malformed identity", () => {
    expect(
      principalFromClaims({
        sub: "u",
        role: "applicant",
        verifiedIdNumber: "110105194912310021",
        verifiedName: "x",
      }),
    ).toBeUndefined();
  });
});
