import { describe, expect, it } from "vitest";
import type { Principal } from "#shared/auth/principal.ts";
import { ConflictError, ForbiddenError, InvalidTransitionError, RuleViolationError } from "#shared/errors.ts";
import {
  AlreadyRepliedError,
  ApplicationAlreadyLinkedError,
  applicantView,
  assertCoordinatorOrAdmin,
  assignCoordinator,
  checkCoordinator,
  checkVersion,
  holdMeeting,
  linkApplication,
  MATTER_COMMANDS,
  MATTER_STATES,
  MatterClosedError,
  matterListEntry,
  meetingSchema,
  newMatter,
  nextMatterState,
  NoCoordinatorError,
  recordMatterSchema,
  reply,
  StaleMatterError,
  transitions,
  type MeetingInput,
  type RecordMatter,
  type UnresolvedMatter,
} from "./unresolved-matter.ts";

const CENTER = "ctr_01JSEED0000000000000000001";
const OTHER_CENTER = "ctr_01JSEED0000000000000000002";
const DEPT_A = "dep_01JSEED0000000000000000001";
const DEPT_B = "dep_01JSEED0000000000000000002";
const clerk: Principal = { sub: "usr_clerk", role: "clerk", centerId: CENTER };
const admin: Principal = { sub: "usr_admin", role: "admin", centerId: CENTER };
const applicant: Principal = { sub: "usr_applicant", role: "applicant" };
const T0 = "2026-03-02T02:00:00.000Z";
const T1 = "2026-03-03T02:00:00.000Z";
const T2 = "2026-03-04T02:00:00.000Z";

function input(overrides: Partial<RecordMatter> = {}): RecordMatter {
  return {
    centerId: CENTER,
    channel: "desk",
    applicant: { name: "王小明", phone: "13912345678", idNumber: "11010519491231002X" },
    request: "开办无人机培训机构",
    obstacle: "找不到对应的许可事项",
    reason: { category: "noMatchingItem", detail: "新业态，目录中无对应事项；联系电话13912345678" },
    ...overrides,
  };
}

const recorded = (overrides: Partial<RecordMatter> = {}, by: Principal = clerk) =>
  newMatter(input(overrides), { id: "urm_1", at: T0, principal: by });

const coordinator = { staffId: "stf_1", userId: "usr_coordinator", role: "chiefRep" as const };
const assigned = () => assignCoordinator(recorded(), coordinator, T0, admin.sub)!;

function meetingInput(overrides: Partial<MeetingInput> = {}): Omit<MeetingInput, "version"> {
  return {
    heldAt: T1,
    departmentIds: [DEPT_A, DEPT_B],
    attendees: [{ name: "李建国", departmentId: DEPT_A, title: "首席代表" }],
    discussion: "按现有事项“职业技能培训机构设立”参照办理",
    decisions: ["由市场监管部门牵头，参照现有事项受理"],
    outcome: "resolved",
    ...overrides,
  };
}
const coordinating = () =>
  holdMeeting(assigned(), meetingInput(), { id: "mtg_1", at: T2, by: "usr_x" }).matter;
const replied = () =>
  reply(coordinating(), { text: "已可办理", method: "phone", resolved: true }, T2, "usr_x");

describe("the unresolved matter's states (办不成事反映, art. 13, 34)", () => {
  const refused = MATTER_STATES.flatMap((state) =>
    MATTER_COMMANDS.filter((c) => !(c in transitions[state])).map((command) => ({ state, command })),
  );

  it.each(refused)("refuses $command when $state (409)", ({ state, command }) => {
    expect(() => nextMatterState(state, command)).toThrow(InvalidTransitionError);
  });

  it("names why: no coordinator yet, replied already, or closed", () => {
    expect(() => nextMatterState("recorded", "holdMeeting")).toThrow(NoCoordinatorError);
    expect(() => nextMatterState("recorded", "reply")).toThrow(NoCoordinatorError);
    expect(() => nextMatterState("replied", "reply")).toThrow(AlreadyRepliedError);
    expect(() => nextMatterState("replied", "holdMeeting")).toThrow(MatterClosedError);
    expect(() => nextMatterState("replied", "assignCoordinator")).toThrow(MatterClosedError);
  });

  it("moves recorded → assigned → coordinating → replied, and links an application in any state", () => {
    expect(nextMatterState("recorded", "assignCoordinator")).toBe("assigned");
    expect(nextMatterState("assigned", "holdMeeting")).toBe("coordinating");
    expect(nextMatterState("coordinating", "holdMeeting")).toBe("coordinating");
    expect(nextMatterState("assigned", "reply")).toBe("replied");
    for (const state of MATTER_STATES) expect(nextMatterState(state, "linkApplication")).toBe(state);
  });
});

describe("recording a matter", () => {
  it("starts recorded at version 1, owned by the applicant only when they reported it themselves", () => {
    const byStaff = recorded();
    const bySelf = recorded({ channel: "online" }, applicant);
    expect(byStaff).toMatchObject({ state: "recorded", version: 1, meetingCount: 0, recordedAt: T0 });
    expect(byStaff.ownerId).toBeUndefined();
    expect(bySelf.ownerId).toBe(applicant.sub);
    expect(bySelf.recordedBy).toEqual({ id: applicant.sub, role: "applicant" });
  });

  it("lets an applicant report only online (422 naming channel)", () => {
    const attempt = () => recorded({ channel: "window" }, applicant);
    expect(attempt).toThrow(RuleViolationError);
    try {
      attempt();
    } catch (e) {
      expect((e as RuleViolationError).errors[0]!.path).toEqual(["channel"]);
    }
  });

  it("validates the resident ID (GB 11643) and the mobile number, naming each field", () => {
    const parsed = recordMatterSchema.safeParse({
      ...input(),
      applicant: { name: "王小明", phone: "12345678901", idNumber: "110105194912310021" },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path)).toEqual([
      ["applicant", "phone"],
      ["applicant", "idNumber"],
    ]);
  });

  it("accepts a lower-case check character and stores it upper-case", () => {
    const parsed = recordMatterSchema.parse({
      ...input(),
      applicant: { name: "王小明", idNumber: "11010519491231002x" },
    });
    expect(parsed.applicant.idNumber).toBe("11010519491231002X");
  });
});

describe("the coordinator", () => {
  it("is assigned by bumping the version; the same person again changes nothing", () => {
    const m = assigned();
    expect(m).toMatchObject({
      state: "assigned",
      version: 2,
      coordinator: { ...coordinator, assignedAt: T0 },
    });
    expect(assignCoordinator(m, coordinator, T1, admin.sub)).toBeUndefined();
  });

  it("can be replaced while coordinating, keeping the state", () => {
    const m = assignCoordinator(coordinating(), { ...coordinator, staffId: "stf_2" }, T2, admin.sub)!;
    expect(m.state).toBe("coordinating");
    expect(m.coordinator?.staffId).toBe("stf_2");
  });

  it("must work in the matter's center, in a coordinating role, and sign in", () => {
    const member = { staffId: "stf_1", centerId: CENTER, role: "clerk", userId: "usr_1" };
    expect(() => checkCoordinator(member, CENTER)).not.toThrow();
    expect(() => checkCoordinator(undefined, CENTER)).toThrow(RuleViolationError);
    expect(() => checkCoordinator({ ...member, centerId: OTHER_CENTER }, CENTER)).toThrow(RuleViolationError);
    expect(() => checkCoordinator({ ...member, role: "supervisor" }, CENTER)).toThrow(RuleViolationError);
    expect(() => checkCoordinator({ ...member, userId: undefined }, CENTER)).toThrow(RuleViolationError);
  });

  it("or the center's administration may meet and reply; other staff and other centers' admins may not", () => {
    const m = assigned();
    expect(() =>
      assertCoordinatorOrAdmin(m, { sub: "usr_coordinator", role: "chiefRep", centerId: CENTER }),
    ).not.toThrow();
    expect(() => assertCoordinatorOrAdmin(m, admin)).not.toThrow();
    expect(() => assertCoordinatorOrAdmin(m, clerk)).toThrow(ForbiddenError);
    expect(() => assertCoordinatorOrAdmin(m, { ...admin, centerId: OTHER_CENTER })).toThrow(ForbiddenError);
  });
});

describe("case-by-case coordination (专事专议, art. 34)", () => {
  it("numbers the meetings and keeps the last outcome on the matter", () => {
    const first = coordinating();
    const second = holdMeeting(first, meetingInput({ outcome: "notResolvable" }), {
      id: "mtg_2",
      at: T2,
      by: "usr_x",
    });
    expect(second.meeting.sequence).toBe(2);
    expect(second.matter).toMatchObject({
      state: "coordinating",
      meetingCount: 2,
      lastMeeting: { id: "mtg_2", outcome: "notResolvable" },
      version: first.version + 1,
    });
  });

  it("refuses a meeting in the future or before the matter was recorded (422 naming heldAt)", () => {
    const m = assigned();
    for (const heldAt of [T2, "2026-03-01T00:00:00.000Z"]) {
      try {
        holdMeeting(m, meetingInput({ heldAt }), { id: "mtg_1", at: T1, by: "usr_x" });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(RuleViolationError);
        expect((e as RuleViolationError).errors[0]!.path).toEqual(["heldAt"]);
      }
    }
  });

  it("refuses a meeting on a closed matter", () => {
    expect(() => holdMeeting(replied(), meetingInput(), { id: "mtg_9", at: T2, by: "usr_x" })).toThrow(
      MatterClosedError,
    );
  });

  it("asks who follows up when the matter is not settled", () => {
    const { heldAt, ...rest } = meetingInput({ outcome: "needsPolicyChange" });
    const parsed = meetingSchema.safeParse({ ...rest, heldAt });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(["followUp"]);
    expect(
      meetingSchema.safeParse({
        ...rest,
        heldAt,
        followUp: { owner: "区政务服务管理局", action: "报市级研究政策", dueOn: "2026-04-01" },
      }).success,
    ).toBe(true);
  });

  it("refuses the same department twice", () => {
    const parsed = meetingSchema.safeParse({ ...meetingInput(), departmentIds: [DEPT_A, DEPT_A] });
    expect(parsed.error!.issues[0]!.path).toEqual(["departmentIds"]);
  });
});

describe("the reply", () => {
  it("closes the matter, once", () => {
    const m = replied();
    expect(m).toMatchObject({ state: "replied", reply: { resolved: true, method: "phone", repliedAt: T2 } });
    expect(() => reply(m, { text: "再次答复", method: "sms", resolved: false }, T2, "usr_x")).toThrow(
      AlreadyRepliedError,
    );
  });

  it("needs a coordinator first", () => {
    expect(() => reply(recorded(), { text: "答复", method: "sms", resolved: false }, T1, "usr_x")).toThrow(
      NoCoordinatorError,
    );
  });
});

describe("the resulting application", () => {
  it("links after the reply; the same one again changes nothing, another one is a conflict", () => {
    const m = linkApplication(replied(), "app_1", T2, "usr_x")!;
    expect(m.state).toBe("replied");
    expect(m.resultingApplication).toMatchObject({ applicationId: "app_1" });
    expect(linkApplication(m, "app_1", T2, "usr_x")).toBeUndefined();
    expect(() => linkApplication(m, "app_2", T2, "usr_x")).toThrow(ApplicationAlreadyLinkedError);
  });
});

describe("versions", () => {
  it("refuse a change based on an older read (409), and accept the current one or none", () => {
    const m: UnresolvedMatter = assigned();
    expect(() => checkVersion(m, 1)).toThrow(StaleMatterError);
    expect(() => checkVersion(m, 1)).toThrow(ConflictError);
    expect(() => checkVersion(m, 2)).not.toThrow();
    expect(() => checkVersion(m, undefined)).not.toThrow();
  });
});

describe("views", () => {
  it("mask phone and ID in lists, also inside free text", () => {
    const entry = matterListEntry(recorded({ request: "咨询13912345678的业务" }));
    expect(entry.applicant).toEqual({ name: "王小明", phone: "139****5678", idNumber: "110105********002X" });
    expect(entry.request).toBe("咨询139****5678的业务");
    expect(JSON.stringify(entry)).not.toContain("13912345678");
  });

  it("show the applicant the reply and the meetings' outcomes, not the staff's discussion or coordinator", () => {
    const m = replied();
    const meeting = holdMeeting(assigned(), meetingInput(), { id: "mtg_1", at: T2, by: "usr_x" }).meeting;
    const linked = linkApplication(m, "app_01J0000000000000000000000A", T2, "usr_clerk")!;
    const view = applicantView(linked, [meeting]);
    expect(view.resultingApplication).toEqual({
      applicationId: "app_01J0000000000000000000000A",
      linkedAt: T2,
    });
    expect(JSON.stringify(view)).not.toContain("usr_clerk");
    expect(view.meetings).toEqual([{ sequence: 1, heldAt: T1, outcome: "resolved" }]);
    expect(view.reply).toEqual({ text: "已可办理", method: "phone", resolved: true, repliedAt: T2 });
    expect(view).not.toHaveProperty("coordinator");
    expect(JSON.stringify(view)).not.toContain("参照办理");
  });
});
