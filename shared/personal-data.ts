/**
 * ID and phone numbers are personal data (DOMAIN.md, "Identity and input validation"): masked in logs and in list
 * views. These helpers know the formats; the logger applies `maskPersonalData` to every record.
 */
const RESIDENT_ID = /\b(\d{6})\d{8}(\d{3}[\dXx])\b/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const EMAIL = /\b([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b/g;

/** 110105********002X */
export function maskResidentId(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : "*".repeat(id.length);
}

/** 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : "*".repeat(phone.length);
}

/** Mask every resident ID, mainland mobile number and email address found in free text. */
export function maskText(text: string): string {
  return text.replace(RESIDENT_ID, "$1********$2").replace(MOBILE, "$1****$2").replace(EMAIL, "$1***@$2");
}

const SECRET_KEYS = /^(authorization|password|secret|token|idempotency-key|x-hotline-signature|cookie)$/i;
/** A postal address has no pattern to find it by in text, so it is masked wherever a field names one. */
const ADDRESS_KEYS = /^(address|street)$/i;
const JSON_TEXT = /^\s*[[{]/;

/**
 * A JSON.stringify replacer: drops secrets by key, masks addresses by key and personal data in strings. A string that
 * is itself JSON (a request body or a queue message in a logged event) is masked inside, the same way.
 */
export function maskPersonalData(key: string, value: unknown): unknown {
  if (SECRET_KEYS.test(key)) return "[redacted]";
  if (ADDRESS_KEYS.test(key) && value !== undefined && value !== null) return "[masked]";
  if (typeof value !== "string") return value;
  if (JSON_TEXT.test(value)) {
    try {
      return JSON.stringify(JSON.parse(value), maskPersonalData);
    } catch {
      // not JSON after all: mask it as text
    }
  }
  return maskText(value);
}

/** Fields that hold a person's numbers, and how a list shows them. */
const LIST_MASKS: Record<string, (value: string) => string> = {
  idNumber: maskResidentId,
  phone: maskPhone,
  mobile: maskPhone,
  email: (email) => email.replace(EMAIL, "$1***@$2"),
};
/**
 * The one masking rule for lists (DOMAIN.md: ID and phone numbers masked in list views; issue 15): every `idNumber`,
 * `phone`, `mobile` and `email` field anywhere in the item is masked whatever its form, and every resident ID, mobile
 * number and email address written in any other text (a complaint, a report, the number of an ID card's e-license).
 * Ids, codes and times do not look like them and stay. A record opened on its own (a case, an order being handled)
 * shows the numbers its reader needs; a list never does.
 */
export function maskForList<T>(item: T): T {
  const walk = (value: unknown, key: string | undefined): unknown => {
    if (typeof value === "string") return key && LIST_MASKS[key] ? LIST_MASKS[key]!(value) : maskText(value);
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return walk(item, undefined) as T;
}
