import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { ServiceUnavailableError } from "../errors.ts";
import { SequenceTakenError, withNextNumber } from "./sequence.ts";

const conflict = () =>
  new TransactionCanceledException({
    message: "Transaction cancelled",
    $metadata: {},
    CancellationReasons: [{ Code: "TransactionConflict" }, { Code: "None" }],
  });

/** An attempt that loses the race `losses` times (with the errors given in turn), then returns its round. */
function racing(errors: Error[]) {
  let round = 0;
  return {
    attempt: async () => {
      const error = errors[round++];
      if (error) throw error;
      return round;
    },
    rounds: () => round,
  };
}

describe("withNextNumber", () => {
  it("reads and writes again after a taken number and after a transaction conflict on the counter", async () => {
    const race = racing([
      new SequenceTakenError("taken"),
      conflict(),
      new SequenceTakenError("taken"),
      conflict(),
    ]);
    await expect(withNextNumber(race.attempt)).resolves.toBe(5);
  });

  it("answers a counter still busy after every round with 503, not 500", async () => {
    const race = racing(Array.from({ length: 3 }, conflict));
    const error = await withNextNumber(race.attempt, 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(race.rounds()).toBe(3);
  });

  it("stops retrying when its time budget is spent, answering 503 before the function would time out", async () => {
    // Arrange: every round loses, and takes 30 ms
    let rounds = 0;
    const slow = async () => {
      rounds++;
      await new Promise((r) => setTimeout(r, 30));
      throw conflict();
    };
    // Act
    const error = await withNextNumber(slow, 16, 100).catch((e: unknown) => e);
    // Assert: far fewer than 16 rounds
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(rounds).toBeGreaterThanOrEqual(2);
    expect(rounds).toBeLessThan(8);
  });

  it("does not retry anything else", async () => {
    const race = racing([new Error("boom")]);
    await expect(withNextNumber(race.attempt)).rejects.toThrow("boom");
    expect(race.rounds()).toBe(1);
  });
});
