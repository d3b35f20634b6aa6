import { describe, expect, it } from "vitest";
import { bigrams, queryBigrams, searchText } from "./search.ts";

describe("item search text", () => {
  it("indexes Chinese names and codes as bigrams, ignoring punctuation and case", () => {
    const text = searchText({ name: "食品经营许可（新办）", code: "HD-SCJG-0001" });
    expect(text).toBe("食品经营许可新办 hdscjg0001");
    expect(bigrams(text)).toEqual(expect.arrayContaining(["食品", "品经", "新办", "hd", "01"]));
    expect(bigrams(text)).not.toContain("办h");
  });

  it("reduces a query to the bigrams it must contain", () => {
    expect(queryBigrams(" 经营许可 ")).toEqual({ normalized: "经营许可", grams: ["经营", "营许", "许可"] });
    expect(queryBigrams("食").grams).toEqual([]);
  });
});
