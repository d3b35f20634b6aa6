/**
 * Identity numbers (DOMAIN.md, "Identity and input validation"). Pure checks, used by schemas everywhere an ID or a
 * credit code is entered.
 */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** The check character of an ID number's first 17 digits. */
export function residentIdCheck(first17: string): string {
  return ID_CHECK[ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0) % 11]!;
}

/**
 * The province-level divisions of GB/T 2260 (the first two digits of every administrative division code), with 71
 * (Taiwan), 81 (Hong Kong) and 82 (Macao), and 83, which the residence permits of Taiwan residents use. Only this
 * level is checked: an ID number keeps the county code it was issued under, and counties are merged and renumbered,
 * so a number with a code the current list no longer has is still a real person's.
 */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);
/** Nobody alive was born before this (issue 15: plausibility, not only the checksum). */
const EARLIEST_BIRTH = "19000101";

/**
 * Resident ID (GB 11643-1999): 17 digits + check character; a province-level region code of GB/T 2260; a birth date
 * that is a real date between 1900 and today.
 */
export function isResidentId(value: string, today: Date = new Date()): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  if (!PROVINCES.has(Number(value.slice(0, 2)))) return false;
  const birth = value.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replace(/-/g, "") !== birth)
    return false;
  if (birth < EARLIEST_BIRTH || birth > today.toISOString().slice(0, 10).replace(/-/g, "")) return false;
  return residentIdCheck(value) === value[17];
}

/**
 * Characters a name never holds: C0 and C1 controls (NUL, newlines, DEL…), zero-width spaces and joiners, direction
 * marks, embeddings, overrides and isolates (a right-to-left override turns "张三" into what it is not on screen), the
 * word joiner and invisible operators, and the byte-order mark. Names reach notices, SMS and the hotline.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;

/** Whether a name is plain text that shows as what it is. */
export function isPlainName(value: string): boolean {
  return !UNPRINTABLE.test(value);
}

const USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Unified social credit code (GB 32100-2015). */
export function isCreditCode(value: string): boolean {
  if (!/^[0-9A-HJ-NP-RTUWXY]{18}$/.test(value)) return false;
  const sum = USCC_WEIGHTS.reduce((acc, w, i) => acc + w * USCC_CHARS.indexOf(value[i]!), 0);
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARS[check] === value[17];
}
