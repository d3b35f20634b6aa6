/** 2026-11-25 → 2026年11月25日 (what applicants read). */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
}
