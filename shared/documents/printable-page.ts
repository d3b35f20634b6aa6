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
