import { businessDate } from "#shared/calendar/time-zone.ts";
import { chineseDate, printablePage } from "#shared/documents/printable-page.ts";
import type { DecisionDocument, ELicense } from "./results.ts";

/**
 * The printable 电子证照 (art. 36): what it attests, to whom (masked, as every answer shows the holder), and the sealed
 * decision it rests on — which anyone can verify at that decision's verify path.
 */
export function eLicenseHtml(license: ELicense, decision: DecisionDocument): string {
  return printablePage({
    title: `电子证照：${license.licenseType}`,
    number: license.number,
    body: [
      `持证人（身份证件号码或统一社会信用代码）：${license.holder}`,
      `许可事项：${license.licenseType}`,
      `依据：${decision.title}（${decision.number}）`,
      `发证日期：${chineseDate(businessDate(new Date(license.issuedAt)))}`,
    ],
    issuer: {
      organ: decision.sealName.replace(/行政审批专用章$/, ""),
      seal: decision.sealName,
      date: chineseDate(businessDate(new Date(license.issuedAt))),
    },
    foot: [
      `所依据的决定书已加盖电子印章，任何人均可通过 /v1/documents/${decision.id}/verify 核验（SHA-256：${decision.sha256}）。`,
    ],
  });
}
