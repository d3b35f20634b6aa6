import fc from "fast-check";
import * as z from "zod";
import { ID_PATTERN } from "#shared/ids.ts";

/**
 * Arbitraries for fuzzing the HTTP API from the same zod schemas that validate it: a schema becomes a generator of
 * mostly valid input (via its JSON Schema), which the fuzz test then mutates. Ids are filled from a pool of real ids
 * where a property name says what it is (`centerId`, `itemId`, …), so generated requests get past "not found" into the
 * use cases.
 */

type JsonSchema = Record<string, any>;

/** The id prefix each property name carries (idSchema in the services). */
export const ID_PREFIXES: Record<string, string> = {
  centerId: "ctr",
  homeCenterId: "ctr",
  parentId: "ctr",
  itemId: "itm",
  applicationId: "app",
  windowId: "win",
  remoteWindowId: "win",
  staffId: "stf",
  departmentId: "dep",
  documentId: "rdoc",
  appointmentId: "apt",
  transferId: "wkt",
  ticketId: "tkt",
  rectificationId: "rct",
  ratingId: "rtg",
  procedureId: "prc",
  notificationId: "ntf",
  matterId: "urm",
  consultationId: "csl",
  workOrderId: "wko",
  inspectionId: "ins",
  fileId: "fil",
};

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PREFIXES = [...new Set(Object.values(ID_PREFIXES)), "doc", "usr", "evt", "zz"];

/** A well-formed prefixed ULID (`ctr_01J…`) that almost surely names nothing. */
export const generatedId = (prefix?: string) =>
  fc
    .tuple(
      prefix ? fc.constant(prefix) : fc.constantFrom(...PREFIXES),
      fc.string({ unit: fc.constantFrom(...CROCKFORD), minLength: 26, maxLength: 26 }),
    )
    .map(([p, s]) => `${p}_${s}`);

/** Real ids by property name (`centerId` → ids the test created). */
export type IdPool = Partial<Record<string, readonly string[]>>;

export function idFor(name: string, pool: IdPool, knownOnly = false): fc.Arbitrary<string> {
  const prefix = ID_PREFIXES[name];
  const known = pool[name] ?? [];
  if (known.length && knownOnly) return fc.constantFrom(...known);
  return fc.oneof(
    ...(known.length ? [{ weight: 4, arbitrary: fc.constantFrom(...known) }] : []),
    { weight: 2, arbitrary: generatedId(prefix) },
    { weight: 1, arbitrary: generatedId() },
  );
}

/** Strings and values a careless parser chokes on. */
export const nastyStrings = [
  "",
  " ",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "\u0000",
  "\uFEFF",
  "\uD800",
  "' OR '1'='1' --",
  "${jndi:ldap://x/a}",
  "<script>alert(1)</script>",
  "../../../etc/passwd",
  "NaN",
  "Infinity",
  "-0",
  "1e999",
  "0x10",
  "2026-02-30",
  "2026-13-01T25:61:61+08:00",
  "9999-12-31T23:59:59+14:00",
  "0000-01-01T00:00:00Z",
  "ctr_",
  "ctr_01JSEED0000000000000000001/../x",
  "👩‍👩‍👧‍👦".repeat(50),
  "𠜎𠜱𠝹𠱓",
  "ثثث\u202Eabc",
];

export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom(...nastyStrings),
  fc.constant("x".repeat(200_000)),
  fc.constant("汉".repeat(60_000)),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, 2 ** 53),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 50, max: 3000 }).map(deepNest),
  fc.array(fc.constant({ a: 1 }), { minLength: 1000, maxLength: 1000 }),
);

function deepNest(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** A generator of values the schema accepts (mostly: patterns and refinements are approximated). */
export function arbitraryFromZod(
  schema: z.ZodType,
  pool: IdPool,
  options: { knownIdsOnly?: boolean } = {},
): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return fromJsonSchema(json, json, { pool, knownOnly: options.knownIdsOnly ?? false }, undefined, 0);
}

interface Ids {
  pool: IdPool;
  knownOnly: boolean;
}

const TIME_FROM = Date.parse("2026-05-01T00:00:00Z");
const TIME_TO = Date.parse("2026-08-01T00:00:00Z");

function fromJsonSchema(
  schema: JsonSchema,
  root: JsonSchema,
  pool: Ids,
  key: string | undefined,
  depth: number,
): fc.Arbitrary<unknown> {
  if (depth > 8) return fc.constant(null);
  if (typeof schema !== "object" || schema === null) return fc.jsonValue({ maxDepth: 1 });
  if (schema.$ref) {
    const name = String(schema.$ref).replace(/^#\/(\$defs|definitions)\//, "");
    const target = (root.$defs ?? root.definitions ?? {})[name];
    return target
      ? fc.constant(null).chain(() => fromJsonSchema(target, root, pool, key, depth + 1))
      : fc.jsonValue({ maxDepth: 1 });
  }
  if ("const" in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives?.length)
    return fc.oneof(...alternatives.map((s) => fromJsonSchema(s, root, pool, key, depth + 1)));
  if (schema.allOf?.length) {
    const merged = (schema.allOf as JsonSchema[]).reduce<JsonSchema>(
      (acc, s) => ({
        ...acc,
        ...s,
        properties: { ...acc.properties, ...s.properties },
        required: [...(acc.required ?? []), ...(s.required ?? [])],
      }),
      {},
    );
    return fromJsonSchema(merged, root, pool, key, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return stringFor(schema, pool, key);
    case "integer": {
      const min = schema.minimum ?? (schema.exclusiveMinimum ?? -1) + 1;
      const max = schema.maximum ?? (schema.exclusiveMaximum ?? Math.max(min, 0) + 1001) - 1;
      return fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) });
    }
    case "number": {
      // Hundredths within the bounds: valid values, not denormals the schema would also accept.
      const min = Math.ceil((schema.minimum ?? schema.exclusiveMinimum ?? 0) * 100);
      const max = Math.floor((schema.maximum ?? schema.exclusiveMaximum ?? min / 100 + 1000) * 100);
      return fc.integer({ min, max: Math.max(min, max) }).map((n) => n / 100);
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const item = schema.items
        ? fromJsonSchema(schema.items, root, pool, key, depth + 1)
        : fc.jsonValue({ maxDepth: 1 });
      const minLength = schema.minItems ?? 0;
      return fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 3, 3)) });
    }
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set<string>(schema.required ?? []);
      const model = Object.fromEntries(
        Object.entries(properties).map(([k, s]) => [k, fromJsonSchema(s, root, pool, k, depth + 1)]),
      );
      if (!Object.keys(model).length) {
        return schema.additionalProperties && typeof schema.additionalProperties === "object"
          ? fc.dictionary(
              fc.string({ minLength: 1, maxLength: 8 }),
              fromJsonSchema(schema.additionalProperties, root, pool, undefined, depth + 1),
              { maxKeys: 3 },
            )
          : fc.constant({});
      }
      return fc.record(model, { requiredKeys: [...required].filter((k) => k in model) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: JsonSchema, ids: Ids, key: string | undefined): fc.Arbitrary<string> {
  if (
    key &&
    (ID_PREFIXES[key] || ids.pool[key]) &&
    (!schema.pattern || schema.pattern === ID_PATTERN.source)
  ) {
    return idFor(key, ids.pool, ids.knownOnly);
  }
  if (schema.pattern === ID_PATTERN.source) return generatedId();
  switch (schema.format) {
    case "date-time":
      return fc
        .integer({ min: TIME_FROM, max: TIME_TO })
        .map((t) => new Date(Math.floor(t / 60_000) * 60_000).toISOString());
    case "date":
      return fc.integer({ min: TIME_FROM, max: TIME_TO }).map((t) => new Date(t).toISOString().slice(0, 10));
    case "email":
      return fc.constantFrom("someone@example.com", "a.b@example.org");
    case "uri":
    case "url":
      return fc.constantFrom("https://example.com/a", "https://example.org/x?y=1");
  }
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length <= (schema.maxLength ?? 200));
    } catch {
      // a pattern fast-check cannot generate from: fall through to plain text
    }
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 20, 20));
  return fc.string({ unit: "grapheme", minLength, maxLength });
}

/** Every path to a value inside a JSON value, the root included. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value && typeof value === "object")
    return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return here;
}

function setAt(value: unknown, path: (string | number)[], next: unknown | typeof DELETE): unknown {
  if (!path.length) return next === DELETE ? undefined : next;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length || next !== DELETE) copy[head as number] = setAt(copy[head as number], rest, next);
    else copy.splice(head as number, 1);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (rest.length || next !== DELETE) copy[head as string] = setAt(copy[head as string], rest, next);
  else delete copy[head as string];
  return copy;
}

const DELETE = Symbol("delete");

/** One mutation of a valid value: a field dropped, or any node replaced with junk, or a junk field added. */
export const mutation: fc.Arbitrary<(value: unknown) => unknown> = fc.oneof(
  fc.nat().map((n) => (value: unknown) => {
    const all = paths(value).filter((p) => p.length);
    return all.length ? setAt(value, all[n % all.length]!, DELETE) : value;
  }),
  fc.tuple(fc.nat(), junkValue).map(([n, junk]) => (value: unknown) => {
    const all = paths(value);
    return setAt(value, all[n % all.length]!, junk);
  }),
  fc.tuple(fc.constantFrom(...nastyStrings, "extra", "id", "role", "state"), junkValue).map(
    ([k, junk]) =>
      (value: unknown) =>
        value && typeof value === "object" && !Array.isArray(value) ? { ...value, [k]: junk } : value,
  ),
);

/** Prototype-pollution keys spliced into JSON text at the n-th object (JSON.stringify cannot write `__proto__`). */
export const pollute = fc
  .tuple(
    fc.nat(),
    fc.constantFrom(
      `"__proto__":{"polluted":true,"role":"admin","isAdmin":true},`,
      `"constructor":{"prototype":{"polluted":true}},`,
      `"__proto__":null,`,
      `"__proto__":"x",`,
    ),
  )
  .map(([n, member]) => (text: string) => {
    const braces = [...text.matchAll(/\{(?!\})/g)].map((m) => m.index);
    if (!braces.length) return `{${member.slice(0, -1)}}`;
    const at = braces[n % braces.length]!;
    return `${text.slice(0, at + 1)}${member}${text.slice(at + 1)}`;
  });

export const invalidJson = fc.oneof(
  fc.constantFrom(
    "{",
    "}",
    "{'a':1}",
    '{"a":1,}',
    '{"a":}',
    "[1,2",
    "undefined",
    "NaN",
    '{"a":1}{"b":2}',
    '"\\ud800"',
    "\u0000",
    '{"a":"\u0000"}',
    "<xml/>",
    "a=1&b=2",
    "null",
    "true",
    "1",
    '""',
    "[]",
  ),
  fc.string({ maxLength: 40 }),
);

export const contentTypes = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "Application/JSON",
  "application/problem+json",
  "text/plain",
  "text/html",
  "application/xml",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/octet-stream",
  "image/png",
  "application/json; charset=latin1",
  "",
);

/** Printable ASCII, which every header value may carry. */
export const headerText = (maxLength = 40) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });
