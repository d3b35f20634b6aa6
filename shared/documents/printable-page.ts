import { BUSINESS_UTC_OFFSET_MS, businessDate } from "../calendar/time-zone.ts";

/**
 * The printable form of the system's written documents — acceptance receipts and notices (intake), sealed decisions
 * and notices (review): one A4 page in Chinese, every text escaped, the issuing organ, its seal and the date at the
 * foot. Pure: the services pass the texts, the handler answers with `text(page, "text/html; charset=utf-8")`.
 */

/** Text made safe to print inside an element or a quoted attribute. */
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** 2026-11-25 (or an ISO date-time's date part) → 2026年11月25日: how a document is dated. */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/**
 * An instant as staff and applicants read a deadline, in Beijing time: `2026年5月25日 17:30`; a deadline at the end of
 * a day (00:00 of the next) reads `2026年5月25日 24:00`, the day it belongs to (DOMAIN.md: periods end at 24:00).
 */
export function chineseDateTime(instant: string): string {
  const at = new Date(instant);
  const beijing = new Date(at.getTime() + BUSINESS_UTC_OFFSET_MS);
  const [hours, minutes] = [beijing.getUTCHours(), beijing.getUTCMinutes()];
  if (hours === 0 && minutes === 0) return `${chineseDate(businessDate(new Date(at.getTime() - 1)))} 24:00`;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${chineseDate(businessDate(at))} ${pad(hours)}:${pad(minutes)}`;
}

export interface PrintablePage {
  title: string;
  /** Printed as 编号：… under the title. */
  number: string;
  /** One paragraph each. */
  body: readonly string[];
  /** Who issues it, under which seal, on which date (already in Chinese), at the foot (art. 29). */
  issuer: { organ: string; seal: string; date: string };
  /** Small print below the seal (e.g. how to verify the sealed content). */
  foot?: readonly string[];
}

const STYLE =
  "@page{size:A4;margin:25mm}body{font-family:'SimSun','Songti SC',serif;line-height:1.8}h1{text-align:center;letter-spacing:.3em}.no{text-align:right}.seal{text-align:right;margin-top:3em}.foot{margin-top:3em;font-size:.8em;word-break:break-all}";

/** The whole page, `lang="zh-CN"`, its style inline (the page policy lets nothing else load). */
export function printablePage(page: PrintablePage): string {
  const { title, number, body, issuer, foot = [] } = page;
  return [
    "<!doctype html>",
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)} ${escapeHtml(number)}</title>`,
    `<style>${STYLE}</style>`,
    "</head><body>",
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="no">编号：${escapeHtml(number)}</p>`,
    ...body.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p class="seal">${escapeHtml(issuer.organ)}<br>（${escapeHtml(issuer.seal)}）<br>${escapeHtml(issuer.date)}</p>`,
    ...foot.map((line) => `<p class="foot">${escapeHtml(line)}</p>`),
    "</body></html>",
  ].join("\n");
}

/**
 * The printable page of a sealed document (art. 29): the issuer, its seal and the date at the foot, then the SHA-256
 * of the sealed content and where anyone can verify it. `noun` is what the document calls itself (文书, 凭证).
 */
export function sealedPage(
  doc: {
    title: string;
    number: string;
    body: string[];
    issuedAt: string;
    seal: { sealName: string; sha256: string };
  },
  organ: string,
  verifyPath: string,
  noun = "文书",
): string {
  return printablePage({
    title: doc.title,
    number: doc.number,
    body: doc.body,
    issuer: { organ, seal: doc.seal.sealName, date: chineseDate(businessDate(new Date(doc.issuedAt))) },
    foot: [
      `本${noun}已加盖电子印章，所盖内容的SHA-256摘要：${doc.seal.sha256}`,
      `任何人均可通过 ${verifyPath} 核验本${noun}是否完整、由谁盖章（可附 ?sha256= 所持副本的摘要）。`,
    ],
  });
}
