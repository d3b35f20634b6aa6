import type { Integration } from "../manifest/types.ts";

/**
 * Each outside system's secret (a variable name: the value locally, `<name>_ARN` in AWS — see secrets.ts) and the
 * settings its functions get. The same names in both runtimes.
 */
export const INTEGRATION_SECRETS: Record<Integration, string> = {
  hotline: "HOTLINE_WEBHOOK_SECRET",
};

export const INTEGRATION_SETTINGS: Record<Integration, readonly string[]> = {
  /** Where our signed callbacks (signed for, reply, follow-up) go. */
  hotline: ["HOTLINE_CALLBACK_URL"],
};
