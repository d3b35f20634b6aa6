import { describe, expect, it } from "vitest";
import { InvalidTransitionError } from "#shared/errors.ts";
import { nextTaskState, taskIdOf, TASK_COMMANDS, TASK_STATES, transitions } from "./task.ts";

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
