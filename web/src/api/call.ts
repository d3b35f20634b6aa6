import { ElMessage } from "element-plus";
import { lang } from "../lang.ts";
import { session } from "../session.ts";
import { fieldErrors, problemMessage, type Problem } from "./problem.ts";

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * One API call as a screen makes it: the answer's data, or `undefined` after showing what went wrong — field errors
 * into `fields` (beside their form items), everything else as one message in Chinese. A 401 has already sent the
 * user through sign-in (client.ts).
 */
export async function run<T>(
  call: Promise<Answer<T>>,
  fields?: Record<string, string>,
): Promise<T | undefined> {
  const { data, error, response } = await call;
  if (fields) for (const key of Object.keys(fields)) delete fields[key];
  if (response.ok) return (data ?? null) as T;
  const problem = { ...(error as object), status: response.status } as Problem;
  const byField = fieldErrors(problem);
  if (fields) Object.assign(fields, byField);
  if (response.status !== 401) {
    const where =
      fields && Object.keys(byField).length
        ? lang.value === "en"
          ? " See the notes beside the fields."
          : "请按表单中的提示修改。"
        : "";
    ElMessage.error({
      message: `${problemMessage(problem, lang.value)}${where}`,
      duration: 6000,
      showClose: true,
    });
  }
  return undefined;
}

/**
 * A write's Idempotency-Key: made once per thing the user means to do, so that a retry (a double click, a 503 tried
 * again) is answered with the first answer instead of doing it twice.
 */
export const idempotencyKey = () => crypto.randomUUID();

/**
 * A document's printable page (receipts, notices, decisions), opened in a new tab for printing. The page needs the
 * user's token, so it is fetched here and shown from a blob: a plain link would arrive without it.
 */
export async function openPrintable(href: string): Promise<void> {
  const tab = window.open("", "_blank");
  const url = `${href}${href.includes("?") ? "&" : "?"}format=html`;
  const res = await fetch(url, { headers: { authorization: `Bearer ${session.token() ?? ""}` } });
  if (!res.ok) {
    tab?.close();
    ElMessage.error(problemMessage({ status: res.status }, lang.value));
    return;
  }
  const blob = new Blob([await res.text()], { type: "text/html;charset=utf-8" });
  if (tab) tab.location.href = URL.createObjectURL(blob);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A text the API wrote for printing (the one-time notice), as a printable page in a new tab. */
export function printText(title: string, text: string): void {
  const html =
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<style>body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:42em;margin:2em auto;line-height:1.8}` +
    `pre{white-space:pre-wrap;font:inherit}</style></head><body><pre>${escapeHtml(text)}</pre></body></html>`;
  window.open(URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" })), "_blank");
}
