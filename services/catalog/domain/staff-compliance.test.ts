import { describe, expect, it } from "vitest";
import {
  addMonths,
  clerksAloneUnqualified,
  complianceFindings,
  findingSchema,
  keyPostsOverdue,
  mayWorkAlone,
  reconcile,
  residentsMovedEarly,
  uncoveredWindows,
  type Filing,
  type Finding,
  type FindingFacts,
  type RosterMember,
  type WindowView,
} from "./staff-compliance.ts";

const policy = { internshipMonths: 2, residentMinServiceMonths: 24, keyPostRotationMonths: 60 };
const CENTER = "ctr_hd";

const member = (id: string, overrides: Partial<RosterMember> = {}): RosterMember => ({
  id,
  role: "clerk",
  centerId: CENTER,
  stationedOn: "2020-01-01",
  examPassedOn: "2020-03-01",
  keyPost: false,
  filings: [],
  ...overrides,
});
const intern = (id: string, startedOn: string, overrides: Partial<RosterMember> = {}) =>
  member(id, {
    stationedOn: startedOn,
    examPassedOn: undefined,
    internship: { startedOn, supervisorId: "stf_mentor" },
    windowId: "win_b02",
    ...overrides,
  });
const mentor = member("stf_mentor", { windowId: "win_b01" });
const window = (id: string, overrides: Partial<WindowView> = {}): WindowView => ({
  id,
  centerId: CENTER,
  code: id.slice(4).toUpperCase(),
  status: "open",
  ...overrides,
});
const rulesOf = (findings: FindingFacts[]) => findings.map((f) => `${f.rule}:${f.subject.id}`);

describe("counting months", () => {
  it("adds calendar months, ending on the last day of a shorter month", () => {
    expect(addMonths("2026-03-11", 2)).toBe("2026-05-11");
    expect(addMonths("2025-12-31", 2)).toBe("2026-02-28");
    expect(addMonths("2024-02-29", 24)).toBe("2026-02-28");
    expect(addMonths("2026-11-15", 2)).toBe("2027-01-15");
    expect(addMonths("2021-05-11", 60)).toBe("2026-05-11");
  });
});

describe("who may work alone (art. 49)", () => {
  const today = "2026-05-11";

  it("is a clerk whose internship is complete on exactly two months and whose exam is passed", () => {
    const started = "2026-03-11";
    const passed = { examPassedOn: "2026-05-10" };
    expect(mayWorkAlone(intern("stf_a", started, passed), today, policy)).toBe(true);
    expect(mayWorkAlone(intern("stf_a", "2026-03-12", passed), today, policy)).toBe(false);
  });

  it("counts an exam passed the day before or today, not one recorded for tomorrow", () => {
    const started = "2026-01-05";
    expect(mayWorkAlone(intern("stf_a", started, { examPassedOn: "2026-05-10" }), today, policy)).toBe(true);
    expect(mayWorkAlone(intern("stf_a", started, { examPassedOn: today }), today, policy)).toBe(true);
    expect(mayWorkAlone(intern("stf_a", started, { examPassedOn: "2026-05-12" }), today, policy)).toBe(false);
    expect(mayWorkAlone(intern("stf_a", started), today, policy)).toBe(false);
  });

  it("asks the exam of clerks with no internship on record, and nothing of other roles", () => {
    expect(mayWorkAlone(member("stf_a"), today, policy)).toBe(true);
    expect(mayWorkAlone(member("stf_a", { examPassedOn: undefined }), today, policy)).toBe(false);
    expect(mayWorkAlone({ role: "approver" }, today, policy)).toBe(true);
  });

  it("follows the configured internship length", () => {
    const a = intern("stf_a", "2026-02-11", { examPassedOn: "2026-05-01" });
    expect(mayWorkAlone(a, today, policy)).toBe(true);
    expect(mayWorkAlone(a, today, { ...policy, internshipMonths: 4 })).toBe(false);
  });
});

describe("rule 1: a clerk working alone before internship and exam (art. 49)", () => {
  const today = "2026-05-11";

  it("flags an intern at a window without the supervising colleague, with the internship's end", () => {
    const findings = clerksAloneUnqualified([mentor, intern("stf_a", "2026-04-01")], today, policy);
    expect(findings).toEqual([
      {
        rule: "clerkAloneUnqualified",
        centerId: CENTER,
        subject: { kind: "staff", id: "stf_a" },
        details: { windowId: "win_b02", internshipEndsOn: "2026-06-01", supervisorId: "stf_mentor" },
      },
    ]);
  });

  it("leaves an intern who sits with a qualified supervisor at the same window", () => {
    const a = intern("stf_a", "2026-04-01", { windowId: "win_b01" });
    expect(clerksAloneUnqualified([mentor, a], today, policy)).toEqual([]);
    const unqualifiedMentor = { ...mentor, examPassedOn: undefined };
    expect(rulesOf(clerksAloneUnqualified([unqualifiedMentor, a], today, policy))).toContain(
      "clerkAloneUnqualified:stf_a",
    );
  });

  it("flags exactly until the internship is complete and the exam passed", () => {
    const a = (examPassedOn?: string) => intern("stf_a", "2026-03-11", { examPassedOn });
    expect(clerksAloneUnqualified([mentor, a("2026-05-10")], "2026-05-10", policy)).toHaveLength(1);
    expect(clerksAloneUnqualified([mentor, a("2026-05-10")], "2026-05-11", policy)).toEqual([]);
    expect(clerksAloneUnqualified([mentor, a()], "2026-05-11", policy)).toHaveLength(1);
  });

  it("ignores clerks at no window and people who have not started yet", () => {
    const roster = [
      mentor,
      intern("stf_a", "2026-04-01", { windowId: undefined }),
      intern("stf_b", "2026-10-12"),
    ];
    expect(clerksAloneUnqualified(roster, today, policy)).toEqual([]);
  });
});

const filing = (previous: Partial<Filing["previous"]>, next: Partial<Filing["next"]>, on: string): Filing => {
  const base = { centerId: CENTER, departmentId: "dep_m", role: "approver", keyPost: false };
  return { previous: { ...base, ...previous }, next: { ...base, ...next }, effectiveOn: on, filedOn: on };
};

describe("rule 2: a resident moved before two years (art. 43, 46)", () => {
  const resident = (filings: Filing[], now: Partial<RosterMember> = {}) =>
    member("stf_r", {
      role: "clerk",
      departmentId: undefined,
      stationedOn: "2024-05-11",
      filings,
      ...now,
    });
  const toClerk = (on: string) => filing({}, { role: "clerk", departmentId: undefined }, on);

  it("flags a move out of the resident roles one day before two years, for the center left", () => {
    const findings = residentsMovedEarly([resident([toClerk("2026-05-10")])], "2026-05-10", policy);
    expect(findings).toEqual([
      {
        rule: "residentMovedEarly",
        centerId: CENTER,
        subject: { kind: "staff", id: "stf_r" },
        details: {
          departmentId: "dep_m",
          postStartedOn: "2024-05-11",
          leftOn: "2026-05-10",
          minimumServiceEndsOn: "2026-05-11",
          filedOn: "2026-05-10",
          filedLate: false,
          toCenterId: CENTER,
          toRole: "clerk",
        },
      },
    ]);
  });

  it("accepts a move on exactly two years, and a change of role within the resident roles", () => {
    expect(residentsMovedEarly([resident([toClerk("2026-05-11")])], "2026-05-11", policy)).toEqual([]);
    const promoted = resident([filing({}, { role: "chiefRep" }, "2025-01-01")], { role: "chiefRep" });
    expect(residentsMovedEarly([promoted], "2025-06-01", policy)).toEqual([]);
  });

  it("counts a move to another center or department, and notes a filing made after the move took effect", () => {
    const late = { ...filing({}, { centerId: "ctr_other" }, "2025-03-01"), filedOn: "2025-03-05" };
    const moved = resident([late], { role: "approver", centerId: "ctr_other", departmentId: "dep_m" });
    const [finding] = residentsMovedEarly([moved], "2025-03-05", policy);
    expect(finding).toMatchObject({
      centerId: CENTER,
      details: { filedLate: true, toCenterId: "ctr_other" },
    });
    const otherDepartment = resident([filing({}, { departmentId: "dep_x" }, "2025-03-01")], {
      role: "approver",
      departmentId: "dep_x",
    });
    expect(residentsMovedEarly([otherDepartment], "2025-03-01", policy)).toHaveLength(1);
  });

  it("starts the two years at the filing that brought the person to the post", () => {
    const joined = filing({ role: "clerk", departmentId: undefined }, {}, "2025-01-01");
    const history = [joined, toClerk("2026-06-01")];
    const [finding] = residentsMovedEarly([resident(history)], "2026-06-01", policy);
    expect(finding?.details).toMatchObject({
      postStartedOn: "2025-01-01",
      minimumServiceEndsOn: "2027-01-01",
    });
  });

  it("no longer holds once the person is back in the post, or once the two years are over", () => {
    const away = toClerk("2025-03-01");
    const back = filing({ role: "clerk", departmentId: undefined }, {}, "2025-04-01");
    const returned = resident([away, back], { role: "approver", departmentId: "dep_m" });
    expect(residentsMovedEarly([returned], "2025-04-01", policy)).toEqual([]);
    expect(residentsMovedEarly([resident([away])], "2026-05-10", policy)).toHaveLength(1);
    expect(residentsMovedEarly([resident([away])], "2026-05-11", policy)).toEqual([]);
  });

  it("never concerns people who were not resident staff", () => {
    const clerk = resident([
      filing({ role: "clerk" }, { role: "clerk", centerId: "ctr_other" }, "2025-01-01"),
    ]);
    expect(residentsMovedEarly([clerk], "2025-01-01", policy)).toEqual([]);
  });
});

describe("rule 3: a key post held past the rotation period (art. 46)", () => {
  const keyHolder = (stationedOn: string, filings: Filing[] = []) =>
    member("stf_k", { role: "approver", departmentId: "dep_m", stationedOn, keyPost: true, filings });

  it("is due on the day five years are complete, not the day before", () => {
    expect(keyPostsOverdue([keyHolder("2021-05-11")], "2026-05-10", policy)).toEqual([]);
    expect(keyPostsOverdue([keyHolder("2021-05-11")], "2026-05-11", policy)).toEqual([
      {
        rule: "keyPostOverdue",
        centerId: CENTER,
        subject: { kind: "staff", id: "stf_k" },
        details: { departmentId: "dep_m", heldSince: "2021-05-11", rotationDueOn: "2026-05-11" },
      },
    ]);
  });

  it("counts from the filing that made the post key, or that moved the holder to another department", () => {
    const madeKey = filing({ keyPost: false }, { keyPost: true }, "2024-01-01");
    expect(keyPostsOverdue([keyHolder("2015-01-01", [madeKey])], "2026-05-11", policy)).toEqual([]);
    const rotated = filing({ keyPost: true }, { keyPost: true, departmentId: "dep_x" }, "2023-01-01");
    expect(keyPostsOverdue([keyHolder("2015-01-01", [rotated])], "2026-05-11", policy)).toEqual([]);
    const windowOnly = filing(
      { keyPost: true, windowId: "w1" },
      { keyPost: true, windowId: "w2" },
      "2023-01-01",
    );
    expect(keyPostsOverdue([keyHolder("2015-01-01", [windowOnly])], "2026-05-11", policy)).toHaveLength(1);
  });

  it("ends when the post is no longer key, and follows the configured period", () => {
    expect(keyPostsOverdue([{ ...keyHolder("2015-01-01"), keyPost: false }], "2026-05-11", policy)).toEqual(
      [],
    );
    const sevenYears = { ...policy, keyPostRotationMonths: 84 };
    expect(keyPostsOverdue([keyHolder("2021-05-11")], "2026-05-11", sevenYears)).toEqual([]);
  });
});

describe("rule 4: a window uncovered during service hours (art. 46)", () => {
  const today = "2026-05-11";

  it("flags an open window with nobody, or only people who may not work alone; not a closed one", () => {
    const windows = [
      window("win_b01"),
      window("win_b02"),
      window("win_b03"),
      window("win_b04", { status: "closed" }),
    ];
    const roster = [mentor, intern("stf_a", "2026-04-01")];
    expect(uncoveredWindows(windows, roster, today, policy)).toEqual([
      {
        rule: "windowUncovered",
        centerId: CENTER,
        subject: { kind: "window", id: "win_b02" },
        details: { windowCode: "B02", assigned: 1 },
      },
      {
        rule: "windowUncovered",
        centerId: CENTER,
        subject: { kind: "window", id: "win_b03" },
        details: { windowCode: "B03", assigned: 0 },
      },
    ]);
  });

  it("is covered by a resident approver, but not by someone who starts later or works in another center", () => {
    const windows = [window("win_d01", { departmentId: "dep_m" })];
    const approver = member("stf_p", { role: "approver", departmentId: "dep_m", windowId: "win_d01" });
    expect(uncoveredWindows(windows, [approver], today, policy)).toEqual([]);
    const later = { ...approver, stationedOn: "2026-06-01" };
    const elsewhere = { ...approver, centerId: "ctr_other" };
    expect(uncoveredWindows(windows, [later, elsewhere], today, policy)).toHaveLength(1);
  });
});

describe("a run", () => {
  const today = "2026-05-11";
  const stored = (facts: FindingFacts, state: Finding["state"]): Finding =>
    findingSchema.parse({
      ...facts,
      id: `fnd_${facts.subject.id}`,
      articles: "49",
      title: "…",
      state,
      raisedOn: "2026-05-01",
      raisedAt: "2026-05-01T06:00:00+08:00",
      version: 1,
    });

  it("combines every rule over the roster and the windows", () => {
    const roster = [mentor, intern("stf_a", "2026-04-01")];
    const findings = complianceFindings({ today, roster, windows: [window("win_b01")] }, policy);
    expect(rulesOf(findings)).toEqual(["clerkAloneUnqualified:stf_a"]);
  });

  it("raises what holds and is not open, resolves what no longer holds, and leaves open findings alone", () => {
    const roster = [mentor, intern("stf_a", "2026-04-01")];
    const holding = complianceFindings({ today, roster, windows: [window("win_b02")] }, policy);
    const [alone, uncovered] = holding as [FindingFacts, FindingFacts];
    const gone = { ...uncovered, subject: { kind: "window", id: "win_b09" } } as FindingFacts;
    const plan = reconcile(holding, [
      stored(alone, "open"),
      stored(uncovered, "resolved"),
      stored(gone, "open"),
    ]);
    expect(plan.raise.map((r) => [r.facts.subject.id, r.previous?.state])).toEqual([["win_b02", "resolved"]]);
    expect(plan.resolve.map((f) => f.subject.id)).toEqual(["win_b09"]);
    const rerun = reconcile(holding, [stored(alone, "open"), stored(uncovered, "open")]);
    expect(rerun).toEqual({ raise: [], resolve: [] });
  });

  it("raises a finding once even if two rules' subjects collide in one run", () => {
    const roster = [mentor, intern("stf_a", "2026-04-01")];
    const holding = complianceFindings({ today, roster, windows: [] }, policy);
    expect(reconcile([...holding, ...holding], []).raise).toHaveLength(1);
  });
});
