import { ElMessage } from "element-plus";
import { ref, type Ref } from "vue";
import { lang } from "../lang.ts";
import { session } from "../session.ts";
import { fieldErrors, problemMessage, type Problem } from "./problem.ts";

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** An answer that failed, as its problem+json says (the status always set). */
const problemOf = (error: unknown, response: Response) =>
  ({ ...(error as object), status: response.status }) as Problem;

/**
 * One API call as a screen makes it: the answer's data, or `undefined` after showing what went wrong — field errors
 * into `fields` (beside their form items), everything else as one message in Chinese. A 401 has already sent the
 * user through sign-in (client.ts). A 409 means the record moved on meanwhile: `reload` (the screen's own load) shows
 * it as it now stands, and the message says so.
 */
export async function run<T>(
  call: Promise<Answer<T>>,
  fields?: Record<string, string>,
  reload?: () => unknown,
): Promise<T | undefined> {
  const { data, error, response } = await call;
  if (fields) for (const key of Object.keys(fields)) delete fields[key];
  if (response.ok) return (data ?? null) as T;
  const problem = problemOf(error, response);
  const byField = fieldErrors(problem);
  if (fields) Object.assign(fields, byField);
  const reloading = reload && response.status === 409;
  if (response.status !== 401) {
    const where =
      fields && Object.keys(byField).length
        ? lang.value === "en"
          ? " See the notes beside the fields."
          : "请按表单中的提示修改。"
        : reloading
          ? lang.value === "en"
            ? " It is shown as it now stands."
            : "页面已刷新为最新情况。"
          : "";
    ElMessage.error({
      message: `${problemMessage(problem, lang.value)}${where}`,
      duration: 6000,
      showClose: true,
    });
  }
  if (reloading) await reload();
  return undefined;
}

/**
 * The record a page shows: its data, or the problem that kept it from being read — a 403 or 404 is shown in the page
 * (ProblemResult.vue) instead of leaving it empty. A 401 has already sent the user through sign-in.
 */
export async function read<T>(
  call: Promise<Answer<T>>,
): Promise<{ data: T; problem?: undefined } | { data?: undefined; problem: Problem }> {
  const { data, error, response } = await call;
  return response.ok ? { data: data as T } : { problem: problemOf(error, response) };
}

/**
 * A screen's action: the call through `run`, then, when it succeeded, `done` said to the user and `then` given the
 * answer (to show it, or to load the screen again); a 409 runs `reload`. Returns whether it succeeded, so a dialog can
 * close.
 */
export async function act<T>(
  call: Promise<Answer<T>>,
  done: string,
  then: (data: T) => unknown,
  fields?: Record<string, string>,
  reload?: () => unknown,
): Promise<boolean> {
  const data = await run(call, fields, reload);
  if (data === undefined) return false;
  ElMessage.success(done);
  await then(data);
  return true;
}

/** A page of a list as the API answers it (`nextCursor` while there is more). */
interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/**
 * A list read a page at a time ("加载更多"): `load()` reads the first page again (after a filter changed), `load(true)`
 * appends the next one; `rows` holds what was read, `cursor` is set while there is more. `fetch` makes the call with
 * the cursor it is given (through `run`, which shows what went wrong and answers undefined), `after` runs after each
 * page arrived.
 */
export function pagedList<T>(
  fetch: (cursor: string | undefined) => Promise<Page<T> | undefined>,
  after?: () => unknown,
) {
  const rows = ref([]) as Ref<T[]>;
  const cursor = ref<string>();
  const loading = ref(false);
  async function load(more = false) {
    loading.value = true;
    const page = await fetch(more ? cursor.value : undefined).finally(() => (loading.value = false));
    if (!page) return;
    rows.value = more ? [...rows.value, ...page.items] : page.items;
    cursor.value = page.nextCursor ?? undefined;
    await after?.();
  }
  return { rows, cursor, loading, load };
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
