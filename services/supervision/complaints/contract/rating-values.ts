/**
 * Complaints' published vocabulary for ratings (好差评): channels, levels, appeal grounds, hotline verification outcomes.
 * Part of the contract (issue 22): the values its events carry, so a consumer imports them without the domain.
 */

export const APPEAL_GROUNDS = ["mistaken", "malicious"] as const;

/** What the 12345 system found when it verified a real-name 差评 (核实): the rater confirmed it, did not, or was not reached. */
export const HOTLINE_VERIFICATION_OUTCOMES = ["confirmed", "notConfirmed", "unreachable"] as const;

export const RATING_CHANNELS = [
  "windowDevice",
  "qrCode",
  "form",
  "app",
  "selfServiceTerminal",
  "hotline",
] as const;

export const RATING_LEVELS = [
  "verySatisfied",
  "satisfied",
  "basicallySatisfied",
  "dissatisfied",
  "veryDissatisfied",
] as const;

export type RatingLevel = (typeof RATING_LEVELS)[number];
/** 不满意 and 非常不满意 are 差评. */
export const BAD_LEVELS = ["dissatisfied", "veryDissatisfied"] as const satisfies readonly RatingLevel[];
export const isBad = (level: RatingLevel) => (BAD_LEVELS as readonly RatingLevel[]).includes(level);
/** The satisfaction rate counts 非常满意, 满意 and 基本满意 as satisfied. */
export const isSatisfied = (level: RatingLevel) => !isBad(level);
