import { describe, expect, it } from "vitest";
import { ConsumerFaults, isChosen } from "./faults.ts";

const ids = Array.from({ length: 2000 }, (_, i) => `evt_${String(i).padStart(6, "0")}`);

describe("fault injection by share", () => {
  it("picks about the share of events, the same ones every time, independently per consumer", () => {
    const chosen = ids.filter((id) => isChosen("review-events", id, 0.3));
    expect(chosen.length / ids.length).toBeGreaterThan(0.25);
    expect(chosen.length / ids.length).toBeLessThan(0.35);
    expect(ids.filter((id) => isChosen("review-events", id, 0.3))).toEqual(chosen);
    expect(ids.filter((id) => isChosen("monitoring-events", id, 0.3))).not.toEqual(chosen);
  });

  it("fails only the first attempt of each chosen event, for as long as the rule stands", () => {
    const faults = new ConsumerFaults();
    faults.add({ consumer: "review-events", share: 0.5, phase: "before", times: 1 });
    const [picked, spared] = [
      ids.find((id) => isChosen("review-events", id, 0.5))!,
      ids.find((id) => !isChosen("review-events", id, 0.5))!,
    ];
    const attempt = (id: string) => () => faults.fault("review-events", id, "application.accepted", "before");
    expect(attempt(picked)).toThrow(/injected fault \(before\)/);
    expect(attempt(picked)).not.toThrow();
    expect(attempt(spared)).not.toThrow();
    expect(() => faults.fault("intake-events", picked, "application.accepted", "before")).not.toThrow();
    expect(() => faults.fault("review-events", picked, "application.accepted", "after")).not.toThrow();
  });
});
