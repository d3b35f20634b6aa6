/** What the lobby's calling screen says aloud for a call (叫号屏, art. 13): 请 A012 号到 B01 号窗口. */
export const announcement = (call: { number: string; windowCode: string }) =>
  `请 ${call.number} 号到 ${call.windowCode} 号窗口`;

/**
 * The calls of a poll not seen before, oldest first (so two calls within one poll are spoken in the order they were
 * made); `seen` learns them. The first poll only learns: a screen switched on does not read out the morning.
 */
export function newCalls<T extends { calledAt: string; number: string }>(
  calls: readonly T[],
  seen: Set<string>,
  first: boolean,
): T[] {
  const fresh: T[] = [];
  for (const c of [...calls].reverse()) {
    const key = `${c.calledAt}#${c.number}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!first) fresh.push(c);
  }
  return fresh;
}
