/**
 * Seed data for the local runtime (`npm start`): a realistic slice of Beijing's service places under
 * 北京市政务服务场所管理办法. The catalog itself — centers, departments, stations, items with their guides, statuses,
 * windows and the roster — is `seed/catalog.jsonl`, in the format `npm run catalog -- import` reads and `export`
 * writes (issue 23, point 4), so the same data loads into a deployment; exporting a seeded stack gives that file back.
 * This module reads it with the ids the tests rely on (`seed/ids.json`, by each record's key; a record added to the
 * file without one gets a fixed id made from its key) and keeps here what is not catalog data: the users
 * `POST /_local/token` mints for, and the demo applicants' e-licenses. `seed.ts` writes it all through the catalog's
 * use cases, in this order: centers → stations → departments → items (registration, guide, statuses) → windows →
 * staff → chief representatives.
 *
 * What it demonstrates:
 * - the levels of art. 8: 北京市政务服务中心; 海淀区 (the demo) with a specialized 不动产登记 sub-center, three subdistrict
 *   centers and a township; 门头沟区 with the remote mountain township 清水镇, whose adjusted hours carry the district
 *   government's approval and the city's filing (art. 10);
 * - stations in communities, a village, a party-service center, a park, a mall and an office building (art. 2, 35);
 * - departments stationed in centers, each with a chief representative in the city and district comprehensive centers
 *   and none below (art. 42–44);
 * - windows of every type (art. 13, 15), extended early/late/Saturday hours (art. 22), zones, accessibility and
 *   foreign-language facilities (art. 12, 14, 15);
 * - service items with complete guides (art. 20, 26): e-licenses (art. 36), 告知承诺 and 容缺受理 (art. 37),
 *   appointment-only items with the administration's approval (art. 22), 京津冀/全国通办 (art. 38–39), sink-down to
 *   subdistricts and communities (art. 35), fees, checkpoints and delivery methods (art. 32);
 * - item statuses: delegated acceptance (art. 26), authorized approval (art. 28), the negative list (art. 18);
 * - a roster with every role: an intern learning under a colleague (王丽娟 at B01), clerks with exams and vocational
 *   levels, a key-post approver due for rotation (张伟, seven years in the post, art. 46), a chief representative
 *   authorised as the market regulator's head at the center (李建国: approves extensions, 行政许可法 art. 42)
 *   (art. 43–50).
 * Names, addresses and phone numbers are plausible, not authoritative; people and their personal data are fictitious.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type * as z from "zod";
import type { Principal } from "#shared/auth/principal.ts";
import type { centerInputSchema } from "#services/catalog/domain/center.ts";
import type { DepartmentInput } from "#services/catalog/domain/department.ts";
import type { guideContentSchema } from "#services/catalog/domain/guide.ts";
import type { ItemInput } from "#services/catalog/domain/item.ts";
import type { itemStatusInputSchema } from "#services/catalog/domain/item-status.ts";
import type { staffInputSchema } from "#services/catalog/domain/staff.ts";
import type { stationInputSchema } from "#services/catalog/domain/station.ts";
import type { windowInputSchema } from "#services/catalog/domain/window.ts";
import { keyOf, parseCatalog, type CatalogRecord, type RecordKind } from "../../scripts/catalog/records.ts";

/** Fixed, valid prefixed ULIDs, so the ids printed at start are the same every time. */
export const seedId = (prefix: string, n: number) =>
  `${prefix}_01JSEED0000000000000000${String(n).padStart(3, "0")}`;

type GuideInput = z.input<typeof guideContentSchema>;
type StatusInput = z.input<typeof itemStatusInputSchema>;

export interface SeedCenter {
  id: string;
  input: z.input<typeof centerInputSchema>;
}
export interface SeedDepartment {
  id: string;
  centerId: string;
  input: DepartmentInput;
}
export interface SeedStation {
  id: string;
  centerId: string;
  input: z.input<typeof stationInputSchema>;
}
export interface SeedItem {
  id: string;
  input: ItemInput;
  guide: GuideInput;
  statuses: { centerId: string; status: StatusInput }[];
}
export interface SeedWindow {
  id: string;
  centerId: string;
  input: z.input<typeof windowInputSchema>;
}
export interface SeedStaff {
  id: string;
  input: z.input<typeof staffInputSchema>;
  /** The department (stationed in the same center) this person is appointed chief representative of (art. 44). */
  chiefRepresentativeOf?: string;
}

export const CITY_CENTER_ID = seedId("ctr", 100);
export const DEMO_CENTER_ID = seedId("ctr", 1);
/** 海淀区市场监督管理局, the demo department (tests use `departments[0]`). */
const MARKET = seedId("dep", 1);

// ---------------------------------------------------------------------------------------------------------------------
// The catalog, from seed/catalog.jsonl
// ---------------------------------------------------------------------------------------------------------------------

const file = new URL("./seed/catalog.jsonl", import.meta.url);
const parsed = parseCatalog(readFileSync(file, "utf8"));
if (parsed.issues.length)
  throw new Error(
    `${file.pathname}: ${parsed.issues.map((i) => `line ${i.line} ${i.path.join(".")}: ${i.message}`).join("; ")}`,
  );
const records = parsed.rows.map((r) => r.record);
const ofKind = <K extends CatalogRecord["record"]>(kind: K) =>
  records.filter((r): r is Extract<CatalogRecord, { record: K }> => r.record === kind);

const fixedIds = JSON.parse(readFileSync(new URL("./seed/ids.json", import.meta.url), "utf8")) as Record<
  Exclude<RecordKind, "status">,
  Record<string, string>
>;
const PREFIX = {
  center: "ctr",
  department: "dep",
  station: "stn",
  item: "itm",
  window: "win",
  staff: "stf",
} as const;
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The seed's id of a record: the one the tests know, or for a record added since, a fixed one made from its key. */
function idOf(kind: keyof typeof PREFIX, key: string): string {
  const known = fixedIds[kind][key];
  if (known) return known;
  const digest = createHash("sha256").update(`${kind}:${key}`).digest();
  const tail = Array.from(digest.subarray(0, 19), (b) => CROCKFORD[b % 32]).join("");
  return `${PREFIX[kind]}_01JSEED${tail}`;
}
const centerId = (name: string) => idOf("center", name);
const inCenter = (kind: "department" | "window" | "staff", center: string, name: string) =>
  idOf(kind, `${center} / ${name}`);

/** In the order the tests know (ids.json's), records added since after them in file order. */
function inSeedOrder<T extends { id: string }>(kind: keyof typeof PREFIX, list: T[]): T[] {
  const order = Object.values(fixedIds[kind]);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return list
    .map((x, i) => ({ x, i }))
    .sort((a, b) => rank(a.x.id) - rank(b.x.id) || a.i - b.i)
    .map(({ x }) => x);
}

/** Parents first (seed.ts registers them in this order): ids.json's order is, and the file's is. */
export const centers: SeedCenter[] = inSeedOrder(
  "center",
  ofKind("center").map(({ record: _r, parent, comprehensiveCenter, ...input }) => ({
    id: centerId(input.name),
    input: {
      ...input,
      ...(parent ? { parentId: centerId(parent) } : {}),
      ...(comprehensiveCenter ? { comprehensiveCenterId: centerId(comprehensiveCenter) } : {}),
    },
  })),
);

export const departments = inSeedOrder(
  "department",
  ofKind("department").map((d) => ({
    id: inCenter("department", d.center, d.name),
    centerId: centerId(d.center),
    input: { name: d.name },
  })),
) as [SeedDepartment, ...SeedDepartment[]];

export const stations: SeedStation[] = inSeedOrder(
  "station",
  ofKind("station").map(({ record: _r, center, ...input }) => ({
    id: idOf("station", keyOf({ record: "station", center, ...input })),
    centerId: centerId(center),
    input,
  })),
);

const itemId = (code: string) => idOf("item", code);

export const items: SeedItem[] = inSeedOrder(
  "item",
  ofKind("item").map(({ record: _r, center, department, guide, ...input }) => {
    if (!guide) throw new Error(`seed: item ${input.code} has no guide`);
    return {
      id: itemId(input.code),
      input: { ...input, departmentId: inCenter("department", center, department) },
      guide,
      statuses: ofKind("status")
        .filter((s) => s.item === input.code)
        .map(({ record: _s, center: at, item: _i, ...status }) => ({ centerId: centerId(at), status })),
    };
  }),
);

export const windows: SeedWindow[] = inSeedOrder(
  "window",
  ofKind("window").map(({ record: _r, center, department, items: codes, ...input }) => ({
    id: inCenter("window", center, input.code),
    centerId: centerId(center),
    input: {
      ...input,
      ...(department ? { departmentId: inCenter("department", center, department) } : {}),
      itemIds: codes.map(itemId),
    },
  })),
);

export const staff: SeedStaff[] = inSeedOrder(
  "staff",
  ofKind("staff").map((s) => {
    const { record: _r, center, department, window, internship, chiefRepresentative, training, ...input } = s;
    if (training) throw new Error(`seed: ${center} / ${input.name}: the seed records no training`);
    const departmentId = department ? inCenter("department", center, department) : undefined;
    return {
      id: inCenter("staff", center, input.name),
      input: {
        ...input,
        centerId: centerId(center),
        ...(departmentId ? { departmentId } : {}),
        ...(window ? { windowId: inCenter("window", center, window) } : {}),
        ...(internship
          ? {
              internship: {
                startedOn: internship.startedOn,
                supervisorId: inCenter("staff", center, internship.supervisor),
              },
            }
          : {}),
      },
      ...(chiefRepresentative && departmentId ? { chiefRepresentativeOf: departmentId } : {}),
    };
  }),
);

// ---------------------------------------------------------------------------------------------------------------------
// Users: the identity provider's, not the catalog's (issue 23, point 5) — the roster names them by `userId`
// ---------------------------------------------------------------------------------------------------------------------

/** The users `POST /_local/token` can mint for by name, and `npm start` prints tokens for. */
export const seedUsers = {
  /** Real-name verified as the demo person, and verified to act for the demo company (issue 15). */
  applicant: {
    sub: seedId("usr", 1),
    role: "applicant",
    verifiedIdentity: { idNumber: "11010519491231002X", name: "王小明" },
    organisations: ["91330100799655058B"],
  },
  clerk: { sub: seedId("usr", 2), role: "clerk", centerId: DEMO_CENTER_ID },
  approver: { sub: seedId("usr", 3), role: "approver", centerId: DEMO_CENTER_ID, departmentId: MARKET },
  chiefRep: { sub: seedId("usr", 4), role: "chiefRep", centerId: DEMO_CENTER_ID, departmentId: MARKET },
  admin: { sub: seedId("usr", 5), role: "admin", centerId: DEMO_CENTER_ID },
  supervisor: { sub: seedId("usr", 6), role: "supervisor", centerId: DEMO_CENTER_ID },
  cityAdmin: { sub: seedId("usr", 7), role: "admin", centerId: CITY_CENTER_ID },
  /** The city's supervisor (督查): their scope is every center of the city — the warnings across centers. */
  citySupervisor: { sub: seedId("usr", 11), role: "supervisor", centerId: CITY_CENTER_ID },
  /** At 中关村街道政务服务中心. */
  subdistrictClerk: { sub: seedId("usr", 8), role: "clerk", centerId: seedId("ctr", 10) },
  /**
   * A clerk of the police department's own window in the Haidian center (部门窗口): accepts the department's items, the
   * household ones it did not delegate to the comprehensive windows included, and no other department's (art. 26).
   */
  policeClerk: {
    sub: seedId("usr", 10),
    role: "clerk",
    centerId: DEMO_CENTER_ID,
    departmentId: seedId("dep", 6), // 北京市公安局海淀分局（户政）
  },
  /**
   * The market department's back-office approver (后台审批): acts for the department's cases in the Haidian center but
   * is not stationed there (no roster entry) — decides items outside the authorized list (art. 28, 44).
   */
  backOfficeApprover: {
    sub: seedId("usr", 9),
    role: "approver",
    centerId: DEMO_CENTER_ID,
    departmentId: MARKET,
  },
} as const satisfies Record<
  | "applicant"
  | "clerk"
  | "approver"
  | "chiefRep"
  | "admin"
  | "supervisor"
  | "cityAdmin"
  | "citySupervisor"
  | "subdistrictClerk"
  | "policeClerk"
  | "backOfficeApprover",
  Principal
>;

/**
 * The local stand-in for the city's e-license platform (电子证照, art. 36): what the demo applicants hold. Materials
 * these replace need no paper copy.
 */
export const demoApplicants = {
  person: { kind: "person", name: "王小明", idNumber: "11010519491231002X", phone: "13912345678" },
  organisation: {
    kind: "organisation",
    name: "北京海淀示例餐饮有限公司",
    creditCode: "91330100799655058B",
    legalRepresentative: "李华",
    contact: { name: "李华", phone: "13812345678" },
  },
} as const;

export const eLicenses: { holder: string; licenses: { type: string; number: string }[] }[] = [
  {
    holder: demoApplicants.person.idNumber,
    licenses: [
      { type: "居民身份证", number: demoApplicants.person.idNumber },
      { type: "户口簿", number: "京海户字第110108000001号" },
    ],
  },
  {
    holder: demoApplicants.organisation.creditCode,
    licenses: [{ type: "营业执照", number: demoApplicants.organisation.creditCode }],
  },
];
