import { describe, expect, it } from "vitest";
import { InvalidTransitionError } from "#shared/errors.ts";
import {
  checkExtension,
  ExtensionRefusedError,
  nextTaskState,
  taskIdOf,
  TASK_COMMANDS,
  TASK_STATES,
  transitions,
} from "./task.ts";

describe("the review task's states", () => {
  const refused = TASK_STATES.flatMap((state) =>
    TASK_COMMANDS.filter((c) => !(c in transitions[state])).map((command) => ({ state, command })),
  );

  it.each(refused)("refuses $command when $state", ({ state, command }) => {
    expect(() => nextTaskState(state, command)).toThrow(InvalidTransitionError);
  });

  it("cannot be decided during a special procedure, nor twice", () => {
    expect(() => nextTaskState("inProcedure", "decide")).toThrow(InvalidTransitionError);
    expect(() => nextTaskState("decided", "decide")).toThrow(InvalidTransitionError);
    expect(nextTaskState("inProcedure", "completeProcedure")).toBe("open");
  });

  it("derives the task id from the application's, so one application has one task", () => {
    expect(taskIdOf("app_01JSEED0000000000000000001")).toBe("rvt_01JSEED0000000000000000001");
  });
});

describe("extending the decision period (行政许可法 art. 42)", () => {
  const due = "2026-05-25T16:00:00.000Z";
  const provision = "《中华人民共和国行政许可法》第四十二条第一款";
  const open = {
    state: "open" as const,
    dueAt: due,
    departmentId: "dep_market",
    legalBasis: { provisions: ["《食品安全法》第三十五条"], extension: { provision, maxWorkingDays: 10 } },
  };
  const head = { staffId: "stf_head", departmentId: "dep_market", head: true };
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(ExtensionRefusedError);
      return (error as Error).message;
    }
    throw new Error("extended");
  };

  it("allows one extension within the period, up to its last instant, as far as the legal basis allows", () => {
    expect(checkExtension(open, "2026-05-25T15:59:59.999Z", head)).toEqual({
      provision,
      extraWorkingDays: 10,
    });
    expect(checkExtension(open, due, head, 5).extraWorkingDays).toBe(5);
  });

  it("refuses one after the deadline: it would make an overdue case on time", () => {
    expect(refusal(() => checkExtension(open, "2026-05-25T16:00:00.001Z", head))).toContain("ended");
  });

  it("refuses a second extension", () => {
    const extended = {
      ...open,
      extension: {
        extraWorkingDays: 10,
        reason: "需要核实",
        approvedBy: "stf_head",
        extendedAt: "2026-05-20T02:00:00.000Z",
        noticeDocumentId: "rdoc_1",
      },
    };
    expect(refusal(() => checkExtension(extended, "2026-05-21T02:00:00.000Z", head))).toMatch(
      /already extended once/,
    );
  });

  it("refuses where the item's legal basis allows none, or fewer days than asked", () => {
    const noBasis = { ...open, legalBasis: { provisions: ["《户口登记条例》第十条"] } };
    expect(refusal(() => checkExtension(noBasis, "2026-05-21T02:00:00.000Z", head))).toContain("legal basis");
    expect(refusal(() => checkExtension(open, "2026-05-21T02:00:00.000Z", head, 11))).toContain("at most 10");
  });

  it("needs the approval of the deciding department's head on the roster", () => {
    const now = "2026-05-21T02:00:00.000Z";
    expect(refusal(() => checkExtension(open, now, undefined))).toContain("not on the roster");
    expect(refusal(() => checkExtension(open, now, { ...head, head: false }))).toContain("head");
    expect(refusal(() => checkExtension(open, now, { ...head, departmentId: "dep_tax" }))).toContain("head");
  });

  it("extends a jointly handled one-thing by 15 working days under art. 42 para. 2, whatever the item's own law", () => {
    const joint = {
      ...open,
      legalBasis: { provisions: ["《户口登记条例》第十条"] },
      jointHandling: { bundleId: "bnd_1", basis: "京政办发〔2026〕1号" },
    };
    expect(checkExtension(joint, "2026-05-21T02:00:00.000Z", head)).toEqual({
      provision: "《中华人民共和国行政许可法》第四十二条第二款",
      extraWorkingDays: 15,
    });
  });

  it("does not count time while a special procedure holds the clock", () => {
    expect(() =>
      checkExtension({ ...open, state: "inProcedure" }, "2026-06-01T02:00:00.000Z", head),
    ).not.toThrow();
  });
});
