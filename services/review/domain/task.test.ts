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
  const open = { state: "open" as const, dueAt: due };

  it("allows one extension within the period, up to its last instant", () => {
    expect(() => checkExtension(open, "2026-05-25T15:59:59.999Z")).not.toThrow();
    expect(() => checkExtension(open, due)).not.toThrow();
  });

  it("refuses one after the deadline: it would make an overdue case on time", () => {
    expect(() => checkExtension(open, "2026-05-25T16:00:00.001Z")).toThrow(ExtensionRefusedError);
  });

  it("refuses a second extension", () => {
    const extended = {
      ...open,
      extension: {
        extraWorkingDays: 10,
        reason: "需要核实",
        approvedBy: "usr_head",
        extendedAt: "2026-05-20T02:00:00.000Z",
        noticeDocumentId: "rdoc_1",
      },
    };
    expect(() => checkExtension(extended, "2026-05-21T02:00:00.000Z")).toThrow(/already extended once/);
  });

  it("does not count time while a special procedure holds the clock", () => {
    expect(() => checkExtension({ ...open, state: "inProcedure" }, "2026-06-01T02:00:00.000Z")).not.toThrow();
  });
});
