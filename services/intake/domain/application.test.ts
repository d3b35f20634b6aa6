import { describe, expect, it } from "vitest";
import { InvalidTransitionError } from "#shared/errors.ts";
import { COMMANDS, nextState, STATES, transitions } from "./application.ts";

describe("the application state machine (art. 27)", () => {
  const allowed = STATES.flatMap((state) =>
    Object.entries(transitions[state]).map(([command, to]) => ({ state, command, to })),
  );

  it.each(allowed)("$state --$command--> $to", ({ state, command, to }) => {
    expect(nextState(state, command as (typeof COMMANDS)[number])).toBe(to);
  });

  const refused = STATES.flatMap((state) =>
    COMMANDS.filter((c) => !(c in transitions[state])).map((command) => ({ state, command })),
  );

  it.each(refused)("refuses $command in $state", ({ state, command }) => {
    expect(() => nextState(state, command)).toThrow(InvalidTransitionError);
  });

  it("decides once: an accepted case only moves on by review's decision, a rejected or delivered one never", () => {
    expect(Object.keys(transitions.accepted)).toEqual(["recordDecision"]);
    expect(Object.keys(transitions.rejected)).toEqual([]);
    expect(Object.keys(transitions.delivered)).toEqual([]);
    expect(refused.length + allowed.length).toBe(STATES.length * COMMANDS.length);
  });
});
