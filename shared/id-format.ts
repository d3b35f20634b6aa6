/**
 * The shape of every id (shared/ids.ts makes them): a 2–5 letter kind and a ULID, `app_01J…`. Apart from ids.ts, with
 * no imports, because the staff console (web/) checks the scope claims of its token with it in the browser.
 */
export const ID_PATTERN = /^[a-z]{2,5}_[0-9A-HJKMNP-TV-Z]{26}$/;

export function isId(value: string, prefix?: string): boolean {
  return ID_PATTERN.test(value) && (prefix === undefined || value.startsWith(`${prefix}_`));
}
