/**
 * Seed data for the local runtime (`npm start`): a realistic slice of Beijing's service places under
 * 北京市政务服务场所管理办法. Data only — `seed.ts` loads it through the catalog's use cases, in this order: centers →
 * departments → stations → items (registration, guide, statuses) → windows → staff → chief representatives.
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
 * - a roster with every role: an intern learning under a colleague, clerks with exams and vocational levels, a key-post
 *   approver due for rotation (art. 43–50).
 * Names, addresses and phone numbers are plausible, not authoritative; people and their personal data are fictitious.
 */
import type * as z from "zod";
import type { Principal } from "#shared/auth/principal.ts";
import type { centerInputSchema } from "#services/catalog/domain/center.ts";
import type { DepartmentInput } from "#services/catalog/domain/department.ts";
import type { guideContentSchema, materialSchema } from "#services/catalog/domain/guide.ts";
import type { serviceHoursSchema, TimeRange } from "#services/catalog/domain/hours.ts";
import type { ItemInput } from "#services/catalog/domain/item.ts";
import type { itemStatusInputSchema } from "#services/catalog/domain/item-status.ts";
import type { staffInputSchema } from "#services/catalog/domain/staff.ts";
import type { stationInputSchema } from "#services/catalog/domain/station.ts";
import type { windowInputSchema } from "#services/catalog/domain/window.ts";

/** Fixed, valid prefixed ULIDs, so the ids printed at start are the same every time. */
export const seedId = (prefix: string, n: number) =>
  `${prefix}_01JSEED0000000000000000${String(n).padStart(3, "0")}`;

type HoursInput = z.input<typeof serviceHoursSchema>;
type GuideInput = z.input<typeof guideContentSchema>;
type MaterialInput = z.input<typeof materialSchema>;
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

// ---------------------------------------------------------------------------------------------------------------------
// Centers (art. 8–15)
// ---------------------------------------------------------------------------------------------------------------------

export const CITY_CENTER_ID = seedId("ctr", 100);
export const DEMO_CENTER_ID = seedId("ctr", 1);

const CITY = CITY_CENTER_ID;
const HAIDIAN = DEMO_CENTER_ID;
const HAIDIAN_REAL_ESTATE = seedId("ctr", 2);
const ZHONGGUANCUN = seedId("ctr", 10);
const HAIDIAN_STREET = seedId("ctr", 11);
const XUEYUANLU = seedId("ctr", 12);
const SIJIQING = seedId("ctr", 13);
const MENTOUGOU = seedId("ctr", 200);
const QINGSHUI = seedId("ctr", 201);

const range = (from: string, to: string): TimeRange => ({ from, to });

/** Beijing's legal working hours on working days (法定工作时间): immediate service, no appointment needed. */
const LEGAL_HOURS = [range("09:00", "12:00"), range("13:30", "17:00")];
/** The same, served through the lunch break (中午不间断服务). */
const NO_LUNCH_BREAK = [range("09:00", "17:00")];

/** Service hours: working-day ranges and extended hours (early, late, Saturday — by appointment, art. 22). */
function hours(workingDays: TimeRange[] = LEGAL_HOURS, extended: HoursInput["extended"] = {}): HoursInput {
  return { workingDays, extended };
}

export const centers: SeedCenter[] = [
  {
    id: CITY,
    input: {
      name: "北京市政务服务中心",
      level: "city",
      kind: "comprehensive",
      address: "北京市丰台区西三环南路1号",
      consultationPhone: "010-89150000",
      zones: [
        "consultation",
        "windowService",
        "centralizedApproval",
        "governmentInformation",
        "selfService",
        "waiting",
        "integratedService",
        "featured",
      ],
      accessibility: [
        "barrierFreeAccess",
        "accessibleToilet",
        "tactilePaving",
        "hearingLoop",
        "signLanguage",
        "wheelchairs",
        "readingAids",
        "elderlyFriendlyDevices",
        "militaryPriority",
        "elderlyPriority",
        "motherAndBabyRoom",
      ],
      foreignLanguage: {
        languages: ["en", "fr", "de", "ru", "ja", "ko", "es"],
        signage: true,
        consultationWindow: true,
        foreignAffairsZone: true,
      },
      // The city center's regime since 2026-01-01: open all year except the Spring Festival holiday — weekdays
      // 8:30–17:30, Saturday mornings by appointment, other rest days consultation, receipt of documents and assisted
      // self-service only, and a 24-hour self-service area.
      hours: {
        ...hours([range("08:30", "17:30")], { saturday: [range("08:30", "12:00")] }),
        restDays: [
          {
            on: ["sunday", "holiday"],
            exceptFestivals: ["springFestival"],
            hours: [range("09:00", "12:00"), range("13:00", "17:00")],
            offers: "consultationAndReceipt",
          },
        ],
        selfService: { allDay: true },
      },
    },
  },
  {
    id: HAIDIAN,
    input: {
      name: "北京市海淀区政务服务中心",
      level: "district",
      kind: "comprehensive",
      parentId: CITY,
      address: "北京市海淀区四季青路6号",
      consultationPhone: "010-88487766",
      zones: [
        "consultation",
        "windowService",
        "centralizedApproval",
        "governmentInformation",
        "selfService",
        "waiting",
        "integratedService",
        "featured",
      ],
      accessibility: [
        "barrierFreeAccess",
        "accessibleToilet",
        "tactilePaving",
        "hearingLoop",
        "wheelchairs",
        "readingAids",
        "elderlyFriendlyDevices",
        "militaryPriority",
        "elderlyPriority",
        "motherAndBabyRoom",
      ],
      // Haidian has Beijing's largest foreign community (universities, Zhongguancun): English, Japanese, Korean.
      foreignLanguage: {
        languages: ["en", "ja", "ko"],
        signage: true,
        consultationWindow: true,
        foreignAffairsZone: true,
      },
      hours: hours(NO_LUNCH_BREAK, {
        early: range("08:30", "09:00"),
        late: range("17:00", "19:00"),
        saturday: [range("09:00", "12:00"), range("13:30", "16:00")],
      }),
    },
  },
  {
    // Art. 8: a specialized sub-center because of space, managed as part of the district level.
    id: HAIDIAN_REAL_ESTATE,
    input: {
      name: "北京市海淀区不动产登记专业分中心",
      level: "district",
      kind: "specialized",
      parentId: CITY,
      comprehensiveCenterId: HAIDIAN,
      address: "北京市海淀区西四环北路160号",
      consultationPhone: "010-88497730",
      zones: ["consultation", "windowService", "selfService", "waiting"],
      accessibility: [
        "barrierFreeAccess",
        "accessibleToilet",
        "wheelchairs",
        "militaryPriority",
        "elderlyPriority",
      ],
      hours: hours(NO_LUNCH_BREAK, { saturday: [range("09:00", "12:00")] }),
    },
  },
  {
    id: ZHONGGUANCUN,
    input: {
      name: "北京市海淀区中关村街道政务服务中心",
      level: "subdistrict",
      kind: "comprehensive",
      parentId: HAIDIAN,
      address: "北京市海淀区中关村南三街8号",
      consultationPhone: "010-62565093",
      zones: ["consultation", "windowService", "selfService", "waiting"],
      accessibility: [
        "barrierFreeAccess",
        "accessibleToilet",
        "wheelchairs",
        "readingAids",
        "elderlyFriendlyDevices",
        "militaryPriority",
        "elderlyPriority",
      ],
      foreignLanguage: {
        languages: ["en"],
        signage: true,
        consultationWindow: false,
        foreignAffairsZone: false,
      },
      hours: hours(LEGAL_HOURS, { late: range("17:00", "18:30") }),
    },
  },
  {
    id: HAIDIAN_STREET,
    input: {
      name: "北京市海淀区海淀街道政务服务中心",
      level: "subdistrict",
      kind: "comprehensive",
      parentId: HAIDIAN,
      address: "北京市海淀区海淀南路31号",
      consultationPhone: "010-62553066",
      zones: ["consultation", "windowService", "selfService", "waiting"],
      accessibility: ["barrierFreeAccess", "wheelchairs", "militaryPriority", "elderlyPriority"],
      hours: hours(LEGAL_HOURS, { saturday: [range("09:00", "12:00")] }),
    },
  },
  {
    id: XUEYUANLU,
    input: {
      name: "北京市海淀区学院路街道政务服务中心",
      level: "subdistrict",
      kind: "comprehensive",
      parentId: HAIDIAN,
      address: "北京市海淀区学院路甲5号",
      consultationPhone: "010-82376310",
      zones: ["consultation", "windowService", "waiting"],
      accessibility: ["barrierFreeAccess", "accessibleToilet", "militaryPriority", "elderlyPriority"],
      hours: hours(),
    },
  },
  {
    id: SIJIQING,
    input: {
      name: "北京市海淀区四季青镇政务服务中心",
      level: "township",
      kind: "comprehensive",
      parentId: HAIDIAN,
      address: "北京市海淀区四季青镇杏石口路80号",
      consultationPhone: "010-88443322",
      zones: ["consultation", "windowService", "waiting"],
      accessibility: ["barrierFreeAccess", "wheelchairs", "militaryPriority", "elderlyPriority"],
      hours: hours(),
    },
  },
  {
    id: MENTOUGOU,
    input: {
      name: "北京市门头沟区政务服务中心",
      level: "district",
      kind: "comprehensive",
      parentId: CITY,
      address: "北京市门头沟区滨河路81号",
      consultationPhone: "010-69842345",
      zones: ["consultation", "windowService", "centralizedApproval", "selfService", "waiting"],
      accessibility: [
        "barrierFreeAccess",
        "accessibleToilet",
        "wheelchairs",
        "elderlyFriendlyDevices",
        "militaryPriority",
        "elderlyPriority",
      ],
      hours: hours(NO_LUNCH_BREAK),
    },
  },
  {
    // Art. 10: a remote mountain township may adjust its hours with the district's approval and the city's filing.
    id: QINGSHUI,
    input: {
      name: "北京市门头沟区清水镇政务服务中心",
      level: "township",
      kind: "comprehensive",
      parentId: MENTOUGOU,
      remoteMountain: true,
      address: "北京市门头沟区清水镇清水村68号",
      consultationPhone: "010-60855123",
      zones: ["consultation", "windowService", "waiting"],
      accessibility: ["barrierFreeAccess", "militaryPriority", "elderlyPriority"],
      hours: {
        workingDays: [range("08:30", "11:30"), range("13:00", "16:00")],
        // Market day (集日): villagers come down on Saturday mornings.
        extended: { saturday: [range("08:30", "11:30")] },
        adjustment: {
          reason:
            "深山区村落分散，进出山公交末班车16:30发车，村民多清晨出行办事；经调研将对外服务时间整体提前半小时，周六集日上午增设服务",
          districtApprovalRef: "门政函〔2025〕37号",
          cityFilingRef: "京政服备〔2025〕6号",
        },
      },
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------------
// Departments stationed in centers (art. 42–44)
// ---------------------------------------------------------------------------------------------------------------------

const D = {
  market: seedId("dep", 1),
  hrss: seedId("dep", 2),
  health: seedId("dep", 3),
  housing: seedId("dep", 4),
  civilAffairs: seedId("dep", 5),
  police: seedId("dep", 6),
  tax: seedId("dep", 7),
  planning: seedId("dep", 8),
  urbanManagement: seedId("dep", 9),
  realEstate: seedId("dep", 11),
  cityMarket: seedId("dep", 20),
  cityHrss: seedId("dep", 21),
  cityScience: seedId("dep", 22),
  zhongguancunPolice: seedId("dep", 30),
  mentougouCivilAffairs: seedId("dep", 40),
};

const department = (id: string, centerId: string, name: string): SeedDepartment => ({
  id,
  centerId,
  input: { name },
});

/** The first five are the demo center's original departments (tests use `departments[0]`, 市场监督管理局). */
export const departments: [SeedDepartment, ...SeedDepartment[]] = [
  department(D.market, HAIDIAN, "海淀区市场监督管理局"),
  department(D.hrss, HAIDIAN, "海淀区人力资源和社会保障局"),
  department(D.health, HAIDIAN, "海淀区卫生健康委员会"),
  department(D.housing, HAIDIAN, "海淀区住房和城乡建设委员会"),
  department(D.civilAffairs, HAIDIAN, "海淀区民政局"),
  department(D.police, HAIDIAN, "北京市公安局海淀分局（户政）"),
  department(D.tax, HAIDIAN, "国家税务总局北京市海淀区税务局"),
  department(D.planning, HAIDIAN, "北京市规划和自然资源委员会海淀分局"),
  department(D.urbanManagement, HAIDIAN, "海淀区城市管理委员会"),
  department(D.realEstate, HAIDIAN_REAL_ESTATE, "海淀区不动产登记中心"),
  department(D.cityMarket, CITY, "北京市市场监督管理局"),
  department(D.cityHrss, CITY, "北京市人力资源和社会保障局"),
  department(D.cityScience, CITY, "北京市科学技术委员会、中关村科技园区管理委员会"),
  department(D.zhongguancunPolice, ZHONGGUANCUN, "北京市公安局海淀分局中关村派出所（户籍窗口）"),
  department(D.mentougouCivilAffairs, MENTOUGOU, "门头沟区民政局"),
];

// ---------------------------------------------------------------------------------------------------------------------
// Stations under subdistrict and township centers (art. 2, 8, 35)
// ---------------------------------------------------------------------------------------------------------------------

export const stations: SeedStation[] = [
  {
    id: seedId("stn", 1),
    centerId: ZHONGGUANCUN,
    input: {
      name: "中关村街道黄庄社区政务服务站",
      kind: "community",
      address: "北京市海淀区中关村大街27号院黄庄社区居委会",
      phone: "010-62561347",
      hours: hours(),
    },
  },
  {
    id: seedId("stn", 2),
    centerId: ZHONGGUANCUN,
    input: {
      name: "中关村街道党群服务中心政务服务站",
      kind: "partyService",
      address: "北京市海淀区科学院南路2号院1号楼一层",
      phone: "010-62569870",
      hours: hours(),
    },
  },
  {
    id: seedId("stn", 3),
    centerId: HAIDIAN_STREET,
    input: {
      name: "中关村创业大街政务服务站",
      kind: "building",
      address: "北京市海淀区海淀西大街48号",
      phone: "010-62566800",
      hours: hours(NO_LUNCH_BREAK),
    },
  },
  {
    id: seedId("stn", 4),
    centerId: HAIDIAN_STREET,
    input: {
      name: "欧美汇购物中心政务服务站",
      kind: "mall",
      address: "北京市海淀区丹棱街甲1号欧美汇购物中心B1层",
      phone: "010-62570519",
      // A mall station follows the mall's opening hours (stations are not held to the centers' legal hours).
      hours: hours([range("10:00", "19:00")], { saturday: [range("10:00", "19:00")] }),
    },
  },
  {
    id: seedId("stn", 5),
    centerId: XUEYUANLU,
    input: {
      name: "768创意产业园政务服务站",
      kind: "park",
      address: "北京市海淀区学院路5号768创意产业园B座一层",
      phone: "010-82376988",
      hours: hours(),
    },
  },
  {
    id: seedId("stn", 6),
    centerId: XUEYUANLU,
    input: {
      name: "学院路街道石油大院社区政务服务站",
      kind: "community",
      address: "北京市海淀区学院路20号院社区服务中心",
      hours: hours(),
    },
  },
  {
    id: seedId("stn", 7),
    centerId: SIJIQING,
    input: {
      name: "四季青镇门头村政务服务站",
      kind: "village",
      address: "北京市海淀区四季青镇门头村村委会",
      phone: "010-62591076",
      hours: hours(),
    },
  },
  {
    id: seedId("stn", 8),
    centerId: QINGSHUI,
    input: {
      name: "清水镇燕家台村政务服务站",
      kind: "village",
      address: "北京市门头沟区清水镇燕家台村村委会",
      phone: "010-60856021",
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------------
// Service items and their guides (art. 17–20, 26, 35–38)
// ---------------------------------------------------------------------------------------------------------------------

interface MaterialOptions {
  form?: "original" | "copy" | "originalOrCopy";
  copies?: number;
  /** An e-license of this type replaces the paper (art. 36). */
  eLicense?: string;
  /** 告知承诺: a written pledge may replace it (art. 37). */
  commitment?: boolean;
  /** 容缺受理: may be missing at acceptance, cured later (art. 27(三)). */
  tolerable?: boolean;
  optional?: boolean;
}

function material(name: string, o: MaterialOptions = {}): MaterialInput {
  return {
    name,
    required: !o.optional,
    copies: o.copies ?? 1,
    form: o.form ?? "original",
    ...(o.eLicense ? { eLicenseType: o.eLicense } : {}),
    commitmentAllowed: o.commitment ?? false,
    tolerable: o.tolerable ?? false,
  };
}

/** The identity card, replaced by its e-license. */
const idCard = (name = "居民身份证", o: MaterialOptions = {}) =>
  material(name, { eLicense: "居民身份证", ...o });
const householdRegister = (name = "户口簿", o: MaterialOptions = {}) =>
  material(name, { eLicense: "户口簿", ...o });
const businessLicense = (name = "营业执照", o: MaterialOptions = {}) =>
  material(name, { eLicense: "营业执照", form: "copy", ...o });

const WALK_IN = { mode: "walkInOrAppointment", slotMinutes: 15, bookAheadDays: 14 } as const;
/** Art. 22: appointment-only during legal hours needs the district administration's published approval. */
const APPOINTMENT_ONLY_APPROVAL = "海政服〔2025〕12号";

type Decider = "approver" | "chiefRep";
type Exclusion = NonNullable<StatusInput["exclusion"]>;
/** Where an item is handled: resident (optionally delegated / authorized) or on the center's negative list. */
type Handling =
  | { centerId: string; delegate?: boolean; authorize?: Decider[] }
  | { centerId: string; exclusion: Exclusion };

const at = (centerId: string, options: { delegate?: boolean; authorize?: Decider[] } = {}): Handling => ({
  centerId,
  ...options,
});
/** 委托受理 (art. 26). */
const DELEGATED = { delegate: true };
/** 委托受理 + 授权审批, decided by the handling approver or the chief representative (art. 28). */
const AUTHORIZED = { delegate: true, authorize: ["approver", "chiefRep"] as Decider[] };
const excludedAt = (centerId: string, exclusion: Exclusion): Handling => ({ centerId, exclusion });

/** Each center's delegation agreements with the departments (进驻事项委托受理协议 / 下沉事项委托受理协议). */
const AGREEMENT: Record<string, string> = {
  [CITY]: "北京市政务服务中心进驻事项委托受理协议",
  [HAIDIAN]: "海淀区进驻事项委托受理协议",
  [ZHONGGUANCUN]: "中关村街道下沉事项委托受理协议",
  [HAIDIAN_STREET]: "海淀街道下沉事项委托受理协议",
  [XUEYUANLU]: "学院路街道下沉事项委托受理协议",
  [SIJIQING]: "四季青镇下沉事项委托受理协议",
  [MENTOUGOU]: "门头沟区进驻事项委托受理协议",
  [QINGSHUI]: "清水镇下沉事项委托受理协议",
};
/** The authorized-approval lists (授权审批事项清单, art. 28), entries numbered in seed order. */
const AUTHORIZATION_LIST: Record<string, string> = {
  [CITY]: "北京市政务服务中心授权审批事项清单（2025版）",
  [HAIDIAN]: "海淀区授权审批事项清单（2025版）",
  [MENTOUGOU]: "门头沟区授权审批事项清单（2025版）",
};
const authorizationEntries = new Map<string, number>();

/** One agreement per department, numbered in the order its level's departments are listed (sub-centers included). */
function agreementNumber(departmentId: string): number {
  const group = (centerId: string) =>
    centers.find((c) => c.id === centerId)?.input.comprehensiveCenterId ?? centerId;
  const home = departments.find((d) => d.id === departmentId);
  const peers = departments.filter((d) => home && group(d.centerId) === group(home.centerId));
  return peers.findIndex((d) => d.id === departmentId) + 1;
}

function statusAt(h: Handling, departmentId: string, guide: GuideInput): SeedItem["statuses"][number] {
  if ("exclusion" in h)
    return { centerId: h.centerId, status: { status: "excluded", exclusion: h.exclusion } };
  const status: StatusInput = { status: "resident" };
  if (h.delegate) {
    const agreement = AGREEMENT[h.centerId];
    if (!agreement) throw new Error(`seed: no delegation agreement for center ${h.centerId}`);
    status.delegation = {
      agreementRef: `${agreement}〔2025〕第${agreementNumber(departmentId)}号`,
      // The clerks check the guide's required materials on the department's behalf.
      materials: guide.materials.filter((m) => m.required).map((m) => m.name),
    };
  }
  if (h.authorize) {
    const list = AUTHORIZATION_LIST[h.centerId];
    if (!list) throw new Error(`seed: no authorization list for center ${h.centerId}`);
    const entry = (authorizationEntries.get(h.centerId) ?? 0) + 1;
    authorizationEntries.set(h.centerId, entry);
    status.authorization = { listRef: `${list}第${entry}项`, deciders: h.authorize };
  }
  return { centerId: h.centerId, status };
}

const LICENSING_EXTENSION = { provision: "《中华人民共和国行政许可法》第四十二条第一款", maxWorkingDays: 10 };

/**
 * The legal basis of the seeded items (设定依据), as their guides cite it, and how far each decision period may be
 * extended (行政许可法 art. 42, or the item's own law; none where the law fixes the term). Items not listed have none.
 */
const LEGAL_BASIS: Record<string, GuideInput["legalBasis"]> = {
  "食品经营许可（新办）": {
    provisions: ["《中华人民共和国食品安全法》第三十五条", "《食品经营许可和备案管理办法》第六条"],
    extension: { provision: "《食品经营许可和备案管理办法》第二十一条", maxWorkingDays: 5 },
  },
  个体工商户设立登记: {
    provisions: ["《中华人民共和国市场主体登记管理条例》第三条", "《促进个体工商户发展条例》第九条"],
    extension: { provision: "《中华人民共和国市场主体登记管理条例》第十九条", maxWorkingDays: 3 },
  },
  "营业执照变更登记（有限责任公司）": {
    provisions: ["《中华人民共和国市场主体登记管理条例》第二十四条"],
    extension: { provision: "《中华人民共和国市场主体登记管理条例》第十九条", maxWorkingDays: 3 },
  },
  企业简易注销登记: { provisions: ["《中华人民共和国市场主体登记管理条例》第三十三条"] },
  "药品经营许可（零售）": {
    provisions: ["《中华人民共和国药品管理法》第五十二条"],
    extension: LICENSING_EXTENSION,
  },
  人力资源服务许可: { provisions: ["《人力资源市场暂行条例》第十八条"], extension: LICENSING_EXTENSION },
  公共场所卫生许可: { provisions: ["《公共场所卫生管理条例》第八条"], extension: LICENSING_EXTENSION },
  建筑工程施工许可: { provisions: ["《中华人民共和国建筑法》第七条"] },
  商品房预售许可: {
    provisions: ["《中华人民共和国城市房地产管理法》第四十五条", "《城市商品房预售管理办法》第六条"],
    extension: LICENSING_EXTENSION,
  },
  特殊建设工程消防验收: { provisions: ["《中华人民共和国消防法》第十三条"] },
  "婚姻登记（结婚）": { provisions: ["《中华人民共和国民法典》第一千零四十九条", "《婚姻登记条例》第四条"] },
  社会团体成立登记: { provisions: ["《社会团体登记管理条例》第九条"] },
  居住证申领: { provisions: ["《居住证暂行条例》第九条"] },
  "户口迁移（本市范围内）": { provisions: ["《中华人民共和国户口登记条例》第十条"] },
  居民身份证换领: { provisions: ["《中华人民共和国居民身份证法》第十一条"] },
  建设工程规划许可证核发: {
    provisions: ["《中华人民共和国城乡规划法》第四十条"],
    extension: LICENSING_EXTENSION,
  },
  城市道路占用挖掘许可: { provisions: ["《城市道路管理条例》第三十条"], extension: LICENSING_EXTENSION },
  户外广告设施设置许可: {
    provisions: ["《北京市户外广告设施、牌匾标识和标语宣传品设置管理条例》第十二条"],
    extension: LICENSING_EXTENSION,
  },
  "食品生产许可（保健食品）": {
    provisions: ["《中华人民共和国食品安全法》第三十五条", "《食品生产许可管理办法》第二条"],
    extension: { provision: "《食品生产许可管理办法》第二十条", maxWorkingDays: 5 },
  },
  "不动产转移登记（存量房买卖）": { provisions: ["《不动产登记暂行条例》第十四条"] },
  不动产抵押权登记: { provisions: ["《不动产登记暂行条例》第十四条"] },
  外国人来华工作许可: { provisions: ["《外国人在中国就业管理规定》第五条"] },
};

function item(input: ItemInput & { id: string }, guide: GuideInput, handling: Handling[]): SeedItem {
  const { id, ...rest } = input;
  const legalBasis = LEGAL_BASIS[rest.name];
  const withBasis = legalBasis ? { ...guide, legalBasis } : guide;
  return {
    id,
    input: rest,
    guide: withBasis,
    statuses: handling.map((h) => statusAt(h, rest.departmentId, withBasis)),
  };
}

const I = {
  // 海淀区市场监督管理局
  foodBusiness: seedId("itm", 1),
  individualBusiness: seedId("itm", 3),
  companyChange: seedId("itm", 4),
  simpleDeregistration: seedId("itm", 5),
  drugRetail: seedId("itm", 6),
  medicalDeviceFiling: seedId("itm", 7),
  // 海淀区人力资源和社会保障局
  employment: seedId("itm", 2),
  unemployment: seedId("itm", 8),
  socialSecurityCard: seedId("itm", 9),
  flexibleInsurance: seedId("itm", 10),
  unemploymentBenefit: seedId("itm", 11),
  hrServiceLicense: seedId("itm", 12),
  // 海淀区卫生健康委员会
  physician: seedId("itm", 13),
  nurse: seedId("itm", 14),
  publicPlaceHygiene: seedId("itm", 15),
  birthCertificate: seedId("itm", 16),
  birthRegistration: seedId("itm", 17),
  // 海淀区住房和城乡建设委员会
  constructionPermit: seedId("itm", 18),
  rentalFiling: seedId("itm", 19),
  publicRentalHousing: seedId("itm", 20),
  presale: seedId("itm", 21),
  fireAcceptance: seedId("itm", 22),
  // 海淀区民政局
  marriage: seedId("itm", 23),
  minimumLiving: seedId("itm", 24),
  elderlyAllowance: seedId("itm", 25),
  disabilitySubsidies: seedId("itm", 26),
  elderlyCard: seedId("itm", 27),
  socialOrganization: seedId("itm", 28),
  temporaryAssistance: seedId("itm", 29),
  // 北京市公安局海淀分局
  residencePermitEndorsement: seedId("itm", 30),
  residencePermit: seedId("itm", 31),
  householdTransfer: seedId("itm", 32),
  idCardRenewal: seedId("itm", 33),
  // 海淀区税务局
  incomeTaxAssistance: seedId("itm", 34),
  invoice: seedId("itm", 35),
  // 规划和自然资源委员会海淀分局
  planningPermit: seedId("itm", 36),
  classifiedSurvey: seedId("itm", 37),
  // 海淀区城市管理委员会
  roadExcavation: seedId("itm", 38),
  outdoorAdvertising: seedId("itm", 39),
  // 海淀区不动产登记中心
  realEstateTransfer: seedId("itm", 40),
  realEstateMortgage: seedId("itm", 41),
  realEstateRecords: seedId("itm", 42),
  // 市级
  healthFoodProduction: seedId("itm", 50),
  inspectionBody: seedId("itm", 51),
  workingHoursSystem: seedId("itm", 52),
  foreignWorkPermit: seedId("itm", 53),
  // 门头沟区民政局
  mentougouMinimumLiving: seedId("itm", 60),
  mentougouElderlyAllowance: seedId("itm", 61),
};

/** The negative list at Haidian (art. 18), approved by the district administration. */
const REAL_ESTATE_BY_SPACE: Exclusion = {
  reason: "space",
  detail:
    "综合中心场地有限，不动产登记及配套契税缴纳、测绘窗口集中在海淀区不动产登记专业分中心（西四环北路160号）办理",
  approvalRef: "海政服函〔2025〕21号",
};

/** Guides shared by the two districts' social-assistance items (same city-wide rules). */
const minimumLivingGuide: GuideInput = {
  conditions: [
    "申请人具有本市户籍，共同生活的家庭成员人均月收入低于本市城乡居民最低生活保障标准",
    "家庭财产状况符合本市规定的最低生活保障家庭财产限额",
  ],
  materials: [
    material("最低生活保障申请书"),
    idCard("家庭成员居民身份证"),
    householdRegister(),
    material("家庭经济状况核对授权书", { copies: 1 }),
    material("家庭收入和财产状况声明", { commitment: true }),
    material("残疾人证", { eLicense: "残疾人证", optional: true }),
  ],
  procedure: [
    "申请",
    "街道（乡镇）受理",
    "家庭经济状况调查核对",
    "入户调查、民主评议",
    "公示（7日）",
    "区民政局审批",
    "发放",
  ],
  statutoryLimitDays: 30,
  committedLimitDays: 20,
  fees: [],
  checkpoints: [
    "申请人及家庭成员户籍信息与户口簿一致",
    "家庭经济状况核对授权书由全部共同生活家庭成员签字",
    "声明内容与核对结果不一致的，告知申请人核实",
  ],
  deliveryMethods: ["window", "mail"],
  appointment: WALK_IN,
  crossRegion: "beijing",
  lowestLevel: "subdistrict",
};

const elderlyAllowanceGuide: GuideInput = {
  conditions: ["具有本市户籍、年满80周岁的老年人"],
  materials: [material("高龄津贴申请表"), idCard(), householdRegister()],
  procedure: ["申请", "街道（乡镇）受理", "区民政局审核", "按月发放至北京通—养老助残卡"],
  statutoryLimitDays: 10,
  committedLimitDays: 5,
  fees: [],
  checkpoints: ["申请人年龄以居民身份证出生日期为准", "户籍在本区"],
  deliveryMethods: ["electronic", "window"],
  appointment: WALK_IN,
  crossRegion: "beijing",
  lowestLevel: "subdistrict",
};

/** Grouped by department below; exported in id order, so `items[0]` and `items[1]` are the two demo items. */
export const items: SeedItem[] = [
  // —— 海淀区市场监督管理局 ————————————————————————————————————————————————————————————————————————
  item(
    {
      id: I.foodBusiness,
      code: "HD-SCJG-0001",
      name: "食品经营许可（新办）",
      departmentId: D.market,
      level: "district",
    },
    {
      conditions: [
        "具有与经营的食品品种、数量相适应的经营场所",
        "有食品安全管理人员和保证食品安全的规章制度",
        "具有合理的设备布局和工艺流程，防止待加工食品与直接入口食品交叉污染",
      ],
      materials: [
        material("食品经营许可申请书"),
        businessLicense(),
        idCard("法定代表人（负责人）居民身份证"),
        material("经营场所平面布局图", { tolerable: true }),
        material("食品安全管理制度文本", { commitment: true }),
        material("主要设备设施清单", { commitment: true }),
      ],
      procedure: ["申请", "受理", "审查（含现场核查）", "决定", "制证送达"],
      statutoryLimitDays: 20,
      committedLimitDays: 10,
      fees: [],
      checkpoints: [
        "申请人名称、法定代表人与营业执照一致",
        "经营项目在许可范围内，含特殊食品销售的另行标注",
        "经营场所地址与营业执照住所一致",
        "平面布局图标明功能分区和设备位置，生熟分开",
      ],
      deliveryMethods: ["window", "electronic", "mail"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
      // Art. 15: the department's English text, for the portal's foreign applicants
      english: {
        itemName: "Food Business Licence",
        conditions: [
          "Business premises suited to the kinds and quantities of food to be sold",
          "Food safety managers, and rules and procedures that ensure food safety",
          "A sensible layout of equipment and workflow that keeps food to be processed from cross-contaminating ready-to-eat food",
        ],
        procedure: [
          "Application",
          "Acceptance",
          "Review (including an on-site inspection)",
          "Decision",
          "Licence issued and delivered",
        ],
        materials: [
          { name: "食品经营许可申请书", text: "Application form for a food business licence" },
          { name: "营业执照", text: "Business licence" },
          {
            name: "法定代表人（负责人）居民身份证",
            text: "Resident identity card of the legal representative (or person in charge)",
          },
          { name: "经营场所平面布局图", text: "Floor plan of the business premises" },
          { name: "食品安全管理制度文本", text: "Food safety management rules" },
          { name: "主要设备设施清单", text: "List of main equipment and facilities" },
        ],
      },
    },
    [at(HAIDIAN, AUTHORIZED)],
  ),
  item(
    {
      id: I.individualBusiness,
      code: "HD-SCJG-0002",
      name: "个体工商户设立登记",
      departmentId: D.market,
      level: "district",
    },
    {
      conditions: ["有经营能力的自然人", "经营场所符合本市规定，经营范围不属于禁止或限制类"],
      materials: [
        material("个体工商户登记（备案）申请书"),
        idCard("经营者居民身份证"),
        material("经营场所使用证明", { form: "copy", commitment: true }),
        material("委托代理人身份证明及授权委托书", { optional: true }),
      ],
      procedure: ["申请", "受理", "审查", "决定", "发照"],
      statutoryLimitDays: 3,
      committedLimitDays: 1,
      fees: [],
      checkpoints: [
        "名称符合个体工商户名称登记规定",
        "经营范围按规范表述填写",
        "经营场所承诺由经营者本人签字",
      ],
      deliveryMethods: ["window", "electronic", "locker", "mail"],
      appointment: WALK_IN,
      crossRegion: "beijing",
      lowestLevel: "district",
    },
    [at(HAIDIAN, AUTHORIZED)],
  ),
  item(
    {
      id: I.companyChange,
      code: "HD-SCJG-0003",
      name: "营业执照变更登记（有限责任公司）",
      departmentId: D.market,
      level: "district",
    },
    {
      conditions: ["已在本区登记的有限责任公司", "变更事项已依公司章程作出决议或决定"],
      materials: [
        material("公司变更登记申请书"),
        businessLicense("营业执照正副本", { form: "original" }),
        material("股东会决议或股东决定"),
        material("公司章程修正案", { tolerable: true }),
        material("新住所使用证明", { form: "copy", commitment: true, optional: true }),
      ],
      procedure: ["申请", "受理", "审查", "决定", "换发营业执照"],
      statutoryLimitDays: 3,
      committedLimitDays: 1,
      fees: [],
      checkpoints: [
        "决议的表决比例符合公司法和章程规定",
        "变更后的登记事项与章程修正案一致",
        "法定代表人变更的，由新任法定代表人签署申请书",
      ],
      deliveryMethods: ["window", "electronic", "locker", "mail"],
      appointment: WALK_IN,
      crossRegion: "beijing",
      lowestLevel: "district",
    },
    [at(HAIDIAN, AUTHORIZED)],
  ),
  item(
    {
      id: I.simpleDeregistration,
      code: "HD-SCJG-0004",
      name: "企业简易注销登记",
      departmentId: D.market,
      level: "district",
    },
    {
      conditions: [
        "未发生债权债务或已将债权债务清偿完结",
        "通过国家企业信用信息公示系统公示20日，期满无异议",
      ],
      materials: [material("简易注销登记申请书"), material("全体投资人承诺书"), businessLicense()],
      procedure: ["公示", "申请", "受理", "审查", "决定"],
      statutoryLimitDays: 3,
      committedLimitDays: 1,
      fees: [],
      checkpoints: ["公示期已届满且无异议", "企业不存在未结清的清偿费用、税款", "承诺书由全体投资人签署"],
      deliveryMethods: ["electronic", "window"],
      appointment: WALK_IN,
      crossRegion: "beijing",
      lowestLevel: "district",
    },
    [at(HAIDIAN, AUTHORIZED)],
  ),
  item(
    {
      id: I.drugRetail,
      code: "HD-SCJG-0005",
      name: "药品经营许可（零售）",
      departmentId: D.market,
      level: "district",
    },
    {
      conditions: [
        "依法经过资格认定的药师或者其他药学技术人员",
        "与所经营药品相适应的营业场所、设备、仓储设施和卫生环境",
        "与所经营药品相适应的质量管理机构或者人员及质量管理制度",
      ],
      materials: [
        material("药品经营许可证申请表"),
        businessLicense(),
        material("执业药师注册证", { eLicense: "执业药师注册证", form: "copy" }),
        material("营业场所和仓储设施平面布局图", { tolerable: true }),
        material("质量管理文件目录", { commitment: true }),
      ],
      procedure: ["申请", "受理", "审查（含现场检查）", "决定", "发证"],
      statutoryLimitDays: 15,
      committedLimitDays: 10,
      fees: [],
      checkpoints: ["配备执业药师且在职在岗", "经营范围与申请类别一致", "营业场所面积符合本市规定"],
      deliveryMethods: ["window", "electronic", "mail"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [at(HAIDIAN, DELEGATED)],
  ),
  item(
    {
      id: I.medicalDeviceFiling,
      code: "HD-SCJG-0006",
      name: "第二类医疗器械经营备案",
      departmentId: D.market,
      level: "district",
    },
    {
      conditions: [
        "具有与经营规模和经营范围相适应的经营场所和贮存条件",
        "具有相应的质量管理制度和质量管理人员",
      ],
      materials: [
        material("第二类医疗器械经营备案表"),
        businessLicense(),
        idCard("质量负责人居民身份证"),
        material("经营场所和库房平面图", { commitment: true }),
        material("质量管理制度文件目录", { commitment: true }),
      ],
      procedure: ["申请", "受理", "当场备案"],
      statutoryLimitDays: 1,
      committedLimitDays: 1,
      fees: [],
      checkpoints: ["备案表信息与营业执照一致", "经营范围仅含第二类医疗器械"],
      deliveryMethods: ["window", "electronic"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [at(HAIDIAN, AUTHORIZED)],
  ),

  // —— 海淀区人力资源和社会保障局 ——————————————————————————————————————————————————————————————————
  item(
    { id: I.employment, code: "HD-RSJ-0002", name: "就业登记", departmentId: D.hrss, level: "subdistrict" },
    {
      conditions: ["在本市就业的劳动者", "年满16周岁且未达到法定退休年龄"],
      materials: [idCard(), material("劳动合同", { form: "copy" })],
      procedure: ["申请", "受理", "办结"],
      statutoryLimitDays: 5,
      committedLimitDays: 1,
      fees: [],
      checkpoints: ["劳动合同期限、用人单位名称与申报信息一致"],
      deliveryMethods: ["window", "electronic"],
      appointment: WALK_IN,
      crossRegion: "jingJinJi",
      lowestLevel: "subdistrict",
    },
    [
      at(HAIDIAN, DELEGATED),
      at(ZHONGGUANCUN, DELEGATED),
      at(HAIDIAN_STREET, DELEGATED),
      at(XUEYUANLU, DELEGATED),
      at(SIJIQING, DELEGATED),
    ],
  ),
  item(
    { id: I.unemployment, code: "HD-RSJ-0001", name: "失业登记", departmentId: D.hrss, level: "subdistrict" },
    {
      conditions: ["在法定劳动年龄内、有劳动能力和就业要求、处于无业状态的本市常住人员"],
      materials: [idCard(), material("解除或终止劳动关系证明", { form: "copy", commitment: true })],
      procedure: ["申请", "受理", "办结"],
      statutoryLimitDays: 5,
      committedLimitDays: 1,
      fees: [],
      checkpoints: ["申请人处于无业状态（核查社保缴费记录）", "未达到法定退休年龄"],
      deliveryMethods: ["window", "electronic"],
      appointment: WALK_IN,
      crossRegion: "beijing",
      lowestLevel: "subdistrict",
    },
    [
      at(HAIDIAN, DELEGATED),
      at(ZHONGGUANCUN, DELEGATED),
      at(HAIDIAN_STREET, DELEGATED),
      at(SIJIQING, DELEGATED),
    ],
  ),
  item(
    {
      id: I.socialSecurityCard,
      code: "HD-RSJ-0003",
      name: "社会保障卡申领",
      departmentId: D.hrss,
      level: "district",
    },
    {
      conditions: ["在本市参加社会保险的人员", "未持有有效的本市社会保障卡"],
      materials: [
        material("社会保障卡申领登记表"),
        idCard(),
        material("近期免冠彩色证件照片", { optional: true }),
      ],
      procedure: ["申请", "受理", "制卡", "发卡"],
      statutoryLimitDays: 20,
      committedLimitDays: 15,
      fees: [],
      checkpoints: ["照片可由公安人口信息调取的，不再要求提交", "申领人已有参保记录"],
      deliveryMethods: ["window", "mail"],
      appointment: WALK_IN,
      crossRegion: "jingJinJi",
      lowestLevel: "subdistrict",
    },
    [at(HAIDIAN, DELEGATED), at(ZHONGGUANCUN, DELEGATED), at(XUEYUANLU, DELEGATED)],
  ),
  item(
    {
      id: I.flexibleInsurance,
      code: "HD-RSJ-0004",
      name: "灵活就业人员社会保险登记",
      departmentId: D.hrss,
      level: "subdistrict",
    },
    {
      conditions: ["具有本市户籍、在法定劳动年龄内的灵活就业人员", "已办理就业登记（灵活就业）"],
      materials: [idCard(), householdRegister()],
      procedure: ["申请", "受理", "办结"],
      statutoryLimitDays: 1,
      committedLimitDays: 1,
      fees: [],
      checkpoints: ["户籍在本市", "不存在在职参保记录"],
      deliveryMethods: ["window", "electronic"],
      appointment: WALK_IN,
      crossRegion: "beijing",
      lowestLevel: "subdistrict",
    },
    [at(HAIDIAN, DELEGATED), at(ZHONGGUANCUN, DELEGATED), at(HAIDIAN_STREET, DELEGATED)],
  ),
  item(
    {
      id: I.unemploymentBenefit,
      code: "HD-RSJ-0005",
      name: "失业保险金申领",
      departmentId: D.hrss,
      level: "district",
    },
    {
      conditions: [
        "失业前用人单位和本人已缴纳失业保险费满1年",
        "非因本人意愿中断就业",
        "已办理失业登记并有求职要求",
      ],
      materials: [
        idCard(),
        material("社会保障卡", { eLicense: "社会保障卡" }),
        material("解除或终止劳动关系证明", { form: "copy", tolerable: true }),
      ],
      procedure: ["申请", "受理", "审核", "决定", "按月发放"],
      statutoryLimitDays: 10,
      committedLimitDays: 5,
      fees: [],
      checkpoints: ["失业登记状态有效", "累计缴费年限与领取期限对应"],
      deliveryMethods: ["electronic", "window"],
      appointment: WALK_IN,
      crossRegion: "beijing",
      lowestLevel: "subdistrict",
    },
    [at(HAIDIAN, DELEGATED), at(ZHONGGUANCUN, DELEGATED)],
  ),
  item(
    {
      id: I.hrServiceLicense,
      code: "HD-RSJ-0006",
      name: "人力资源服务许可",
      departmentId: D.hrss,
      level: "district",
    },
    {
      conditions: [
        "有明确的章程和管理制度",
        "有开展业务必备的固定场所、办公设施",
        "有5名以上取得相应职业资格或具有大专以上学历的专职工作人员",
      ],
      materials: [
        material("人力资源服务许可申请书"),
        businessLicense(),
        material("经营场所使用证明", { form: "copy", commitment: true }),
        material("专职工作人员学历证明", { form: "copy", commitment: true }),
        material("工作章程和管理制度"),
      ],
      procedure: ["申请", "受理", "审查", "决定", "发证"],
      statutoryLimitDays: 20,
      committedLimitDays: 5,
      fees: [],
      checkpoints: ["经营范围含职业中介等人力资源服务", "专职工作人员不少于5名"],
      deliveryMethods: ["window", "electronic", "mail"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [at(HAIDIAN, AUTHORIZED)],
  ),

  // —— 海淀区卫生健康委员会 ——————————————————————————————————————————————————————————————————————
  item(
    { id: I.physician, code: "HD-WJW-0001", name: "医师执业注册", departmentId: D.health, level: "district" },
    {
      conditions: ["取得医师资格", "拟在本区医疗、预防、保健机构中执业"],
      materials: [
        material("医师执业注册申请审核表"),
        material("医师资格证书", { eLicense: "医师资格证书", form: "copy" }),
        idCard(),
        material("近6个月内健康体检证明", { commitment: true }),
        material("拟执业机构聘用证明"),
      ],
      procedure: ["申请", "受理", "审核", "决定", "电子化注册"],
      statutoryLimitDays: 20,
      committedLimitDays: 10,
      fees: [],
      checkpoints: [
        "执业类别、范围与医师资格证书一致",
        "拟执业机构的诊疗科目包含申请执业范围",
        "无不予注册的情形",
      ],
      deliveryMethods: ["electronic", "window"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [at(HAIDIAN, DELEGATED)],
  ),
  item(
    { id: I.nurse, code: "HD-WJW-0002", name: "护士执业注册", departmentId: D.health, level: "district" },
    {
      conditions: ["通过国家护士执业资格考试", "符合国务院卫生健康主管部门规定的健康标准"],
      materials: [
        material("护士执业注册申请审核表"),
        material("护士执业资格考试成绩合格证明"),
        idCard(),
        material("近6个月内健康体检证明", { commitment: true }),
        material("医疗卫生机构拟聘用证明", { tolerable: true }),
      ],
      procedure: ["申请", "受理", "审核", "决定", "电子化注册"],
      statutoryLimitDays: 20,
      committedLimitDays: 5,
      fees: [],
      checkpoints: ["考试成绩合格证明在有效期（3年）内", "拟执业机构已取得医疗机构执业许可"],
      deliveryMethods: ["electronic", "window"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [at(HAIDIAN, AUTHORIZED)],
  ),
  item(
    {
      id: I.publicPlaceHygiene,
      code: "HD-WJW-0003",
      name: "公共场所卫生许可",
      departmentId: D.health,
      level: "district",
    },
    {
      conditions: ["经营场所符合公共场所卫生标准和规范要求", "从业人员取得有效健康合格证明"],
      materials: [
        material("公共场所卫生许可申请表"),
        businessLicense(),
        material("卫生管理制度", { commitment: true }),
        material("从业人员健康合格证明", { form: "copy", commitment: true }),
        material("经营场所平面图", { tolerable: true }),
      ],
      procedure: ["申请", "受理", "审查（告知承诺，事后核查）", "决定", "发证"],
      statutoryLimitDays: 20,
      committedLimitDays: 3,
      fees: [],
      checkpoints: ["场所类别属于公共场所卫生管理条例规定范围", "申请人签署告知承诺书"],
      deliveryMethods: ["window", "electronic", "locker"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [at(HAIDIAN, AUTHORIZED)],
  ),
  item(
    {
      id: I.birthCertificate,
      code: "HD-WJW-0004",
      name: "出生医学证明补发",
      departmentId: D.health,
      level: "district",
    },
    {
      conditions: ["出生医学证明遗失", "新生儿在本区助产机构出生"],
      materials: [
        material("出生医学证明补发申请表"),
        idCard("新生儿父母居民身份证"),
        material("结婚证", { eLicense: "结婚证", optional: true }),
        material("助产机构出具的分娩记录", { form: "copy" }),
        householdRegister("新生儿户口簿", { optional: true }),
      ],
      procedure: ["申请", "受理", "核查原始档案", "补发"],
      statutoryLimitDays: 20,
      committedLimitDays: 10,
      fees: [],
      checkpoints: ["申请人为新生儿父母或其监护人", "原证已登报声明作废或在系统中注销"],
      deliveryMethods: ["window", "mail"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [at(HAIDIAN, DELEGATED)],
  ),
  item(
    {
      id: I.birthRegistration,
      code: "HD-WJW-0005",
      name: "生育登记",
      departmentId: D.health,
      level: "subdistrict",
    },
    {
      conditions: ["夫妻双方或一方为本市户籍，或女方在本市居住"],
      materials: [idCard("夫妻双方居民身份证"), material("结婚证", { eLicense: "结婚证" })],
      procedure: ["申请", "受理", "登记"],
      statutoryLimitDays: 1,
      committedLimitDays: 1,
      fees: [],
      checkpoints: ["婚姻状况可经共享核验的，不再收取纸质结婚证"],
      deliveryMethods: ["electronic", "window"],
      appointment: WALK_IN,
      crossRegion: "beijing",
      lowestLevel: "community",
    },
    [at(HAIDIAN, DELEGATED), at(ZHONGGUANCUN, DELEGATED), at(XUEYUANLU, DELEGATED)],
  ),

  // —— 海淀区住房和城乡建设委员会 ————————————————————————————————————————————————————————————————————
  item(
    {
      id: I.constructionPermit,
      code: "HD-ZJW-0001",
      name: "建筑工程施工许可",
      departmentId: D.housing,
      level: "district",
    },
    {
      conditions: [
        "已经办理该建筑工程用地批准手续",
        "依法应当办理建设工程规划许可证的，已经取得",
        "已经确定施工企业，有满足施工需要的技术资料",
        "建设资金已经落实",
      ],
      materials: [
        material("建筑工程施工许可申请表"),
        material("建设工程规划许可证", { eLicense: "建设工程规划许可证", form: "copy" }),
        material("施工合同", { form: "copy" }),
        material("施工图设计文件审查合格书", { commitment: true }),
        material("建设资金已经落实承诺书"),
        material("工程质量安全监督手续", { tolerable: true }),
      ],
      procedure: ["预约辅导", "申请", "受理", "审查", "决定", "发证"],
      statutoryLimitDays: 7,
      committedLimitDays: 3,
      fees: [],
      checkpoints: [
        "建设单位、工程名称与规划许可证一致",
        "施工企业资质与工程规模相符",
        "承诺书由建设单位盖章",
      ],
      deliveryMethods: ["window", "electronic"],
      // Complex filings need a prepared reviewer: appointment-only, approved and published (art. 22).
      appointment: {
        mode: "appointmentOnly",
        approvalRef: APPOINTMENT_ONLY_APPROVAL,
        slotMinutes: 60,
        bookAheadDays: 30,
      },
      crossRegion: "none",
      lowestLevel: "district",
    },
    [at(HAIDIAN, DELEGATED)],
  ),
  item(
    {
      id: I.rentalFiling,
      code: "HD-ZJW-0002",
      name: "房屋租赁登记备案",
      departmentId: D.housing,
      level: "district",
    },
    {
      conditions: ["出租房屋权属清晰，符合本市房屋租赁管理规定", "租赁合同已签订"],
      materials: [
        material("房屋租赁合同"),
        idCard("出租人居民身份证"),
        idCard("承租人居民身份证"),
        material("不动产权证书", { eLicense: "不动产权证书", form: "copy" }),
        material("授权委托书", { optional: true }),
      ],
      procedure: ["申请", "受理", "登记备案"],
      statutoryLimitDays: 3,
      committedLimitDays: 1,
      fees: [],
      checkpoints: ["出租人与权利人一致或有授权", "人均居住面积不低于本市规定标准", "不得出租厨房、卫生间等"],
      deliveryMethods: ["window", "electronic"],
      appointment: WALK_IN,
      crossRegion: "beijing",
      lowestLevel: "subdistrict",
    },
    [
      at(HAIDIAN, DELEGATED),
      at(ZHONGGUANCUN, DELEGATED),
      at(HAIDIAN_STREET, DELEGATED),
      at(SIJIQING, DELEGATED),
    ],
  ),
  item(
    {
      id: I.publicRentalHousing,
      code: "HD-ZJW-0003",
      name: "公共租赁住房申请",
      departmentId: D.housing,
      level: "district",
    },
    {
      conditions: [
        "本市户籍或符合条件的非本市户籍家庭",
        "家庭人均住房面积、收入和资产符合本市公共租赁住房准入标准",
      ],
      materials: [
        material("公共租赁住房申请表"),
        idCard("家庭成员居民身份证"),
        householdRegister(),
        material("婚姻状况证明", { eLicense: "结婚证", tolerable: true }),
        material("家庭住房、收入和资产情况声明", { commitment: true }),
      ],
      procedure: ["申请", "街道（乡镇）受理初审", "区住房保障部门复审", "公示", "备案"],
      statutoryLimitDays: 30,
      committedLimitDays: 20,
      fees: [],
      checkpoints: ["申请家庭成员均已签字", "非本市户籍的，核验连续社保或个税缴纳记录"],
      deliveryMethods: ["window", "mail"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "subdistrict",
    },
    [at(HAIDIAN, DELEGATED), at(ZHONGGUANCUN, DELEGATED), at(SIJIQING, DELEGATED)],
  ),
  item(
    {
      id: I.presale,
      code: "HD-ZJW-0004",
      name: "商品房预售许可",
      departmentId: D.housing,
      level: "district",
    },
    {
      conditions: [
        "已取得国有土地使用权证书、建设工程规划许可证和施工许可证",
        "投入开发建设的资金达到工程建设总投资的25%以上，并已确定施工进度和竣工交付日期",
      ],
      materials: [
        material("商品房预售许可申请表"),
        businessLicense(),
        material("建设工程规划许可证", { eLicense: "建设工程规划许可证", form: "copy" }),
        material("建筑工程施工许可证", { eLicense: "建筑工程施工许可证", form: "copy" }),
        material("商品房预售方案"),
        material("工程建设资金投入证明", { tolerable: true }),
      ],
      procedure: ["申请", "受理", "审查（含现场查勘）", "决定", "发证"],
      statutoryLimitDays: 10,
      committedLimitDays: 5,
      fees: [],
      checkpoints: ["预售方案载明房屋坐落、面积和用途", "已开立预售资金监管账户"],
      deliveryMethods: ["window", "electronic"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [at(HAIDIAN, DELEGATED)],
  ),
  item(
    {
      id: I.fireAcceptance,
      code: "HD-ZJW-0005",
      name: "特殊建设工程消防验收",
      departmentId: D.housing,
      level: "district",
    },
    {
      conditions: ["特殊建设工程已竣工，建设单位已组织竣工验收消防查验合格"],
      materials: [
        material("特殊建设工程消防验收申请表"),
        material("工程竣工验收报告"),
        material("涉及消防的建设工程竣工图纸"),
        material("消防设施检测报告", { tolerable: true }),
      ],
      procedure: ["申请", "受理", "现场评定（特殊程序）", "决定"],
      statutoryLimitDays: 15,
      committedLimitDays: 10,
      fees: [],
      checkpoints: ["已取得特殊建设工程消防设计审查意见", "竣工图纸与审查合格的设计文件一致"],
      deliveryMethods: ["window", "electronic"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [at(HAIDIAN)],
  ),

  // —— 海淀区民政局 ——————————————————————————————————————————————————————————————————————————————
  item(
    {
      id: I.marriage,
      code: "HD-MZJ-0001",
      name: "婚姻登记（结婚）",
      departmentId: D.civilAffairs,
      level: "district",
    },
    {
      conditions: ["男女双方自愿结婚", "男女双方均达到法定婚龄，均无配偶", "双方不属于禁止结婚的亲属关系"],
      materials: [
        idCard("男女双方居民身份证"),
        material("本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明", { copies: 2 }),
        material("近期2寸半身免冠合影照片", { copies: 3 }),
      ],
      procedure: ["预约", "申请", "受理", "审查", "登记", "颁发结婚证"],
      statutoryLimitDays: 1,
      committedLimitDays: 1,
      fees: [],
      checkpoints: ["双方当事人本人亲自到场", "声明由双方在婚姻登记员面前签字"],
      deliveryMethods: ["window"],
      appointment: {
        mode: "appointmentOnly",
        approvalRef: APPOINTMENT_ONLY_APPROVAL,
        slotMinutes: 20,
        bookAheadDays: 30,
      },
      crossRegion: "national",
      lowestLevel: "district",
    },
    // The marriage registrar acts in person: no delegation.
    [at(HAIDIAN)],
  ),
  item(
    {
      id: I.minimumLiving,
      code: "HD-MZJ-0002",
      name: "最低生活保障申请",
      departmentId: D.civilAffairs,
      level: "district",
    },
    minimumLivingGuide,
    [
      at(HAIDIAN, DELEGATED),
      at(ZHONGGUANCUN, DELEGATED),
      at(HAIDIAN_STREET, DELEGATED),
      at(XUEYUANLU, DELEGATED),
      at(SIJIQING, DELEGATED),
    ],
  ),
  item(
    {
      id: I.elderlyAllowance,
      code: "HD-MZJ-0003",
      name: "高龄津贴申领",
      departmentId: D.civilAffairs,
      level: "district",
    },
    elderlyAllowanceGuide,
    [
      at(HAIDIAN, AUTHORIZED),
      at(ZHONGGUANCUN, DELEGATED),
      at(HAIDIAN_STREET, DELEGATED),
      at(SIJIQING, DELEGATED),
    ],
  ),
  item(
    {
      id: I.disabilitySubsidies,
      code: "HD-MZJ-0004",
      name: "残疾人两项补贴申请",
      departmentId: D.civilAffairs,
      level: "district",
    },
    {
      conditions: [
        "困难残疾人生活补贴：持第二代残疾人证的低保或低收入家庭残疾人",
        "重度残疾人护理补贴：持第二代残疾人证、残疾等级为一级或二级的残疾人",
      ],
      materials: [
        material("残疾人两项补贴申请审批表"),
        material("残疾人证", { eLicense: "残疾人证" }),
        idCard(),
        householdRegister(),
        material("最低生活保障或低收入家庭证明", { optional: true }),
      ],
      procedure: ["申请", "街道（乡镇）受理初审", "区残联审核", "区民政局审定", "按月发放"],
      statutoryLimitDays: 20,
      committedLimitDays: 15,
      fees: [],
      checkpoints: ["残疾等级与申请的补贴类别对应", "未享受同类护理补贴"],
      deliveryMethods: ["electronic", "window"],
      appointment: WALK_IN,
      crossRegion: "national",
      lowestLevel: "subdistrict",
    },
    [at(HAIDIAN, DELEGATED), at(ZHONGGUANCUN, DELEGATED), at(XUEYUANLU, DELEGATED), at(SIJIQING, DELEGATED)],
  ),
  item(
    {
      id: I.elderlyCard,
      code: "HD-MZJ-0005",
      name: "北京通—养老助残卡申领",
      departmentId: D.civilAffairs,
      level: "district",
    },
    {
      conditions: ["年满60周岁的本市户籍老年人或在本市居住的外省市老年人", "持有残疾人证的本市户籍残疾人"],
      materials: [
        material("北京通—养老助残卡申领登记表"),
        idCard(),
        material("近期免冠照片", { optional: true }),
      ],
      procedure: ["申请", "受理", "制卡", "发卡"],
      statutoryLimitDays: 20,
      committedLimitDays: 10,
      fees: [],
      checkpoints: ["申领人年龄或残疾状况符合条件", "未持有有效的养老助残卡"],
      deliveryMethods: ["window", "mail"],
      appointment: WALK_IN,
      crossRegion: "beijing",
      lowestLevel: "community",
    },
    [
      at(HAIDIAN, DELEGATED),
      at(ZHONGGUANCUN, DELEGATED),
      at(HAIDIAN_STREET, DELEGATED),
      at(XUEYUANLU, DELEGATED),
      at(SIJIQING, DELEGATED),
    ],
  ),
  item(
    {
      id: I.socialOrganization,
      code: "HD-MZJ-0006",
      name: "社会团体成立登记",
      departmentId: D.civilAffairs,
      level: "district",
    },
    {
      conditions: [
        "经业务主管单位审查同意",
        "有50个以上的个人会员或者30个以上的单位会员",
        "有规范的名称、相应的组织机构和固定的住所",
      ],
      materials: [
        material("社会团体成立登记申请书"),
        material("业务主管单位批准文件"),
        material("章程草案"),
        material("验资报告"),
        material("住所使用证明", { form: "copy", commitment: true }),
        idCard("拟任法定代表人居民身份证"),
      ],
      procedure: ["申请", "受理", "审查", "决定", "发证", "公告"],
      statutoryLimitDays: 60,
      committedLimitDays: 30,
      fees: [],
      checkpoints: ["名称冠以本区行政区划名称", "章程包含社会团体登记管理条例规定的必备事项"],
      deliveryMethods: ["window", "mail"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [at(HAIDIAN, DELEGATED)],
  ),
  item(
    {
      id: I.temporaryAssistance,
      code: "HD-MZJ-0007",
      name: "临时救助申请",
      departmentId: D.civilAffairs,
      level: "district",
    },
    {
      conditions: ["因火灾、交通事故、突发重大疾病等原因导致基本生活暂时出现严重困难的家庭或个人"],
      materials: [
        material("临时救助申请书"),
        idCard(),
        householdRegister("户口簿", { optional: true }),
        material("遭遇困难的相关证明", { tolerable: true }),
        material("家庭经济状况核对授权书"),
      ],
      procedure: ["申请", "街道（乡镇）受理", "审核（急难型先行救助）", "区民政局审批", "发放"],
      statutoryLimitDays: 10,
      committedLimitDays: 5,
      fees: [],
      checkpoints: ["急难情形可先行救助、后补材料", "非本市户籍的由急难发生地受理"],
      deliveryMethods: ["electronic", "window"],
      appointment: WALK_IN,
      crossRegion: "beijing",
      lowestLevel: "subdistrict",
    },
    [at(HAIDIAN, DELEGATED), at(ZHONGGUANCUN, DELEGATED)],
  ),

  // —— 北京市公安局海淀分局 ————————————————————————————————————————————————————————————————————————
  item(
    {
      id: I.residencePermitEndorsement,
      code: "HD-GA-0001",
      name: "居住证签注",
      departmentId: D.police,
      level: "subdistrict",
    },
    {
      conditions: ["持有北京市居住证", "在本市连续居住，符合签注条件"],
      materials: [
        material("北京市居住证", { eLicense: "居住证" }),
        idCard(),
        material("合法稳定就业、住所或连续就读证明", { form: "copy", commitment: true }),
      ],
      procedure: ["申请", "受理", "签注"],
      statutoryLimitDays: 1,
      committedLimitDays: 1,
      fees: [],
      checkpoints: ["居住登记信息有效", "签注期限按年计算"],
      deliveryMethods: ["window", "electronic"],
      appointment: WALK_IN,
      crossRegion: "beijing",
      lowestLevel: "subdistrict",
    },
    [at(HAIDIAN, DELEGATED), at(ZHONGGUANCUN)],
  ),
  item(
    {
      id: I.residencePermit,
      code: "HD-GA-0002",
      name: "居住证申领",
      departmentId: D.police,
      level: "subdistrict",
    },
    {
      conditions: ["在本市居住登记满半年", "符合有合法稳定就业、合法稳定住所、连续就读条件之一"],
      materials: [
        idCard(),
        material("居住登记卡"),
        material("合法稳定就业、住所或连续就读证明", { form: "copy" }),
        material("近期免冠照片", { optional: true }),
      ],
      procedure: ["申请", "受理（采集照片）", "审核", "制证", "发证"],
      statutoryLimitDays: 15,
      committedLimitDays: 10,
      fees: [],
      checkpoints: ["居住登记满半年", "证明材料与居住登记地址一致"],
      deliveryMethods: ["window", "mail"],
      appointment: WALK_IN,
      crossRegion: "beijing",
      lowestLevel: "subdistrict",
    },
    [at(HAIDIAN), at(ZHONGGUANCUN)],
  ),
  item(
    {
      id: I.householdTransfer,
      code: "HD-GA-0003",
      name: "户口迁移（本市范围内）",
      departmentId: D.police,
      level: "district",
    },
    {
      conditions: ["本市户籍居民", "迁入地有合法固定住所或符合投靠条件"],
      materials: [
        householdRegister(),
        idCard(),
        material("迁入地不动产权证书", { eLicense: "不动产权证书", form: "copy" }),
        material("迁入地户主同意落户的书面意见", { optional: true }),
      ],
      procedure: ["申请", "受理", "审核", "迁出迁入一站办理"],
      statutoryLimitDays: 10,
      committedLimitDays: 5,
      fees: [],
      checkpoints: ["迁入地址与不动产权证书一致", "投靠落户的，户主已书面同意"],
      deliveryMethods: ["window"],
      appointment: WALK_IN,
      crossRegion: "beijing",
      lowestLevel: "district",
    },
    [at(HAIDIAN)],
  ),
  item(
    {
      id: I.idCardRenewal,
      code: "HD-GA-0004",
      name: "居民身份证换领",
      departmentId: D.police,
      level: "subdistrict",
    },
    {
      conditions: ["居民身份证有效期满或即将满，或证件严重损坏"],
      materials: [material("原居民身份证"), householdRegister()],
      procedure: ["申请", "受理（采集人像、指纹）", "审核", "制证", "发证"],
      statutoryLimitDays: 60,
      committedLimitDays: 15,
      fees: [{ name: "居民身份证工本费", amountYuan: 20 }],
      checkpoints: ["本人到场", "人像、指纹采集合格"],
      deliveryMethods: ["window", "mail"],
      appointment: WALK_IN,
      crossRegion: "national",
      lowestLevel: "subdistrict",
    },
    [at(HAIDIAN), at(ZHONGGUANCUN)],
  ),

  // —— 国家税务总局北京市海淀区税务局 ——————————————————————————————————————————————————————————————
  item(
    {
      id: I.incomeTaxAssistance,
      code: "HD-SW-0001",
      name: "个人所得税综合所得年度汇算申报辅导",
      departmentId: D.tax,
      level: "district",
    },
    {
      conditions: ["取得综合所得需要办理年度汇算的纳税人"],
      materials: [idCard(), material("收入、专项附加扣除等相关资料", { optional: true })],
      procedure: ["预约", "辅导申报", "办结"],
      statutoryLimitDays: 1,
      committedLimitDays: 1,
      fees: [],
      checkpoints: ["引导纳税人通过个人所得税App自行申报", "不代替纳税人作出申报"],
      deliveryMethods: ["electronic"],
      appointment: { mode: "walkInOrAppointment", slotMinutes: 30, bookAheadDays: 14 },
      crossRegion: "national",
      lowestLevel: "district",
    },
    [at(HAIDIAN, DELEGATED)],
  ),
  item(
    { id: I.invoice, code: "HD-SW-0002", name: "发票领用（首次）", departmentId: D.tax, level: "district" },
    {
      conditions: ["已办理涉税信息确认的纳税人"],
      materials: [
        businessLicense(),
        idCard("经办人居民身份证"),
        material("办税人员授权委托书", { optional: true }),
      ],
      procedure: ["申请", "受理", "核定票种", "办结"],
      statutoryLimitDays: 1,
      committedLimitDays: 1,
      fees: [],
      checkpoints: ["经办人已完成实名认证", "首次领用数电发票授信额度按规定核定"],
      deliveryMethods: ["electronic", "window"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [at(HAIDIAN, { delegate: true, authorize: ["approver"] })],
  ),

  // —— 北京市规划和自然资源委员会海淀分局 ————————————————————————————————————————————————————————————
  item(
    {
      id: I.planningPermit,
      code: "HD-GHZY-0001",
      name: "建设工程规划许可证核发",
      departmentId: D.planning,
      level: "district",
    },
    {
      conditions: ["建设项目已取得用地手续", "设计方案符合控制性详细规划和规划条件"],
      materials: [
        material("建设工程规划许可申请表"),
        material("不动产权证书", { eLicense: "不动产权证书", form: "copy" }),
        material("建设工程设计方案"),
        material("建设项目批准、核准或备案文件", { form: "copy" }),
        material("规划条件", { form: "copy", tolerable: true }),
      ],
      procedure: ["申请", "受理", "审查（含专家评审）", "批前公示", "决定", "发证"],
      statutoryLimitDays: 20,
      committedLimitDays: 10,
      fees: [],
      checkpoints: ["建设单位与用地单位一致", "设计方案总平面图标注规划条件要求的各项指标"],
      deliveryMethods: ["window", "electronic"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [at(HAIDIAN, DELEGATED)],
  ),
  item(
    {
      id: I.classifiedSurvey,
      code: "HD-GHZY-0002",
      name: "涉密测绘成果提供使用审批",
      departmentId: D.planning,
      level: "district",
    },
    {
      conditions: [
        "申请使用单位有明确、合法的使用目的",
        "具有符合国家保密要求的存储、使用条件和保密管理制度",
      ],
      materials: [
        material("涉密测绘成果使用申请表"),
        businessLicense("单位营业执照或法人证书"),
        material("保密管理制度和保密责任书"),
        material("涉密计算机及存储设备检测证明", { form: "copy" }),
      ],
      procedure: ["申请", "受理", "审查", "决定", "签订保密协议", "提供成果"],
      statutoryLimitDays: 20,
      committedLimitDays: 10,
      fees: [],
      checkpoints: ["使用目的与申请范围相符", "保密责任人已签署保密责任书"],
      deliveryMethods: ["window"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [
      excludedAt(HAIDIAN, {
        reason: "stateSecret",
        detail:
          "成果涉及国家秘密，依保守国家秘密法和测绘成果管理条例在规划自然资源分局保密场所受理和提供，不进驻政务服务中心",
        approvalRef: "海政服函〔2025〕19号",
      }),
    ],
  ),

  // —— 海淀区城市管理委员会 ——————————————————————————————————————————————————————————————————————
  item(
    {
      id: I.roadExcavation,
      code: "HD-CGW-0001",
      name: "城市道路占用挖掘许可",
      departmentId: D.urbanManagement,
      level: "district",
    },
    {
      conditions: ["因工程建设确需占用、挖掘城市道路", "已制定施工方案和交通疏导方案"],
      materials: [
        material("占用挖掘城市道路申请表"),
        businessLicense(),
        material("施工方案及交通疏导方案"),
        material("规划审批文件", { form: "copy", tolerable: true }),
        material("安全文明施工承诺书", { commitment: true }),
      ],
      procedure: ["申请", "受理", "审查（会商公安交管）", "决定"],
      statutoryLimitDays: 20,
      committedLimitDays: 5,
      fees: [],
      checkpoints: ["占用挖掘位置、面积、期限明确", "新建、扩建、改建道路交付使用后5年内不得挖掘"],
      deliveryMethods: ["window", "electronic"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [at(HAIDIAN, AUTHORIZED)],
  ),
  item(
    {
      id: I.outdoorAdvertising,
      code: "HD-CGW-0002",
      name: "户外广告设施设置许可",
      departmentId: D.urbanManagement,
      level: "district",
    },
    {
      conditions: ["设置位置符合本区户外广告设施设置规划", "设施结构安全"],
      materials: [
        material("户外广告设施设置申请表"),
        businessLicense(),
        material("设置场地使用证明", { form: "copy", commitment: true }),
        material("设计效果图及结构安全说明"),
        material("结构安全检测报告", { tolerable: true }),
      ],
      procedure: ["申请", "受理", "审查", "决定"],
      statutoryLimitDays: 20,
      committedLimitDays: 10,
      fees: [],
      checkpoints: ["设置位置不在禁设区域", "效果图标明尺寸、材质和照明方式"],
      deliveryMethods: ["window", "electronic", "mail"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [at(HAIDIAN, { delegate: true, authorize: ["chiefRep"] })],
  ),

  // —— 海淀区不动产登记中心（专业分中心）———————————————————————————————————————————————————————————
  item(
    {
      id: I.realEstateTransfer,
      code: "HD-BDC-0001",
      name: "不动产转移登记（存量房买卖）",
      departmentId: D.realEstate,
      level: "district",
    },
    {
      conditions: ["不动产权属清晰，无查封、异议登记", "买卖双方已签订存量房买卖合同并完成网签"],
      materials: [
        material("不动产登记申请书"),
        idCard("买卖双方居民身份证"),
        material("不动产权证书", { eLicense: "不动产权证书" }),
        material("存量房买卖合同"),
        material("完税凭证", { form: "copy" }),
      ],
      procedure: ["申请", "受理", "审核", "登簿", "缮证发证"],
      statutoryLimitDays: 30,
      committedLimitDays: 5,
      fees: [
        { name: "不动产登记费（住宅）", amountYuan: 80 },
        { name: "不动产权证书工本费（第一本免收）", amountYuan: 0 },
      ],
      checkpoints: ["出卖人与登记簿记载的权利人一致", "网签合同信息与申请一致", "税费已缴纳"],
      deliveryMethods: ["window", "electronic", "mail"],
      appointment: { mode: "walkInOrAppointment", slotMinutes: 30, bookAheadDays: 14 },
      crossRegion: "none",
      lowestLevel: "district",
    },
    [excludedAt(HAIDIAN, REAL_ESTATE_BY_SPACE), at(HAIDIAN_REAL_ESTATE)],
  ),
  item(
    {
      id: I.realEstateMortgage,
      code: "HD-BDC-0002",
      name: "不动产抵押权登记",
      departmentId: D.realEstate,
      level: "district",
    },
    {
      conditions: ["抵押财产权属清晰，可依法抵押", "抵押合同已签订"],
      materials: [
        material("不动产登记申请书"),
        material("不动产权证书", { eLicense: "不动产权证书" }),
        material("抵押合同"),
        material("主债权合同"),
        idCard("抵押人居民身份证"),
        businessLicense("抵押权人营业执照"),
      ],
      procedure: ["申请", "受理", "审核", "登簿", "颁发不动产登记证明"],
      statutoryLimitDays: 30,
      committedLimitDays: 1,
      fees: [{ name: "不动产登记费（住宅抵押）", amountYuan: 80 }],
      checkpoints: ["抵押人与登记簿记载的权利人一致", "被担保主债权数额与合同一致"],
      deliveryMethods: ["electronic", "window"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "district",
    },
    [excludedAt(HAIDIAN, REAL_ESTATE_BY_SPACE), at(HAIDIAN_REAL_ESTATE)],
  ),
  item(
    {
      id: I.realEstateRecords,
      code: "HD-BDC-0003",
      name: "不动产登记资料查询",
      departmentId: D.realEstate,
      level: "district",
    },
    {
      conditions: ["权利人、利害关系人依法查询不动产登记资料"],
      materials: [
        material("不动产登记资料查询申请书"),
        idCard("查询人居民身份证"),
        material("授权委托书", { optional: true }),
      ],
      procedure: ["申请", "受理", "查询", "出具查询结果"],
      statutoryLimitDays: 1,
      committedLimitDays: 1,
      fees: [],
      checkpoints: ["查询人为权利人或能证明利害关系", "查询结果不得用于申请以外的目的"],
      deliveryMethods: ["window", "electronic"],
      appointment: WALK_IN,
      crossRegion: "beijing",
      lowestLevel: "district",
    },
    [at(HAIDIAN, DELEGATED), at(HAIDIAN_REAL_ESTATE)],
  ),

  // —— 市级进驻部门 ————————————————————————————————————————————————————————————————————————————————
  item(
    {
      id: I.healthFoodProduction,
      code: "BJ-SCJG-0001",
      name: "食品生产许可（保健食品）",
      departmentId: D.cityMarket,
      level: "city",
    },
    {
      conditions: [
        "具有与生产的保健食品品种、数量相适应的生产场所和设备设施",
        "具有按照保健食品注册或备案的产品配方、生产工艺组织生产的能力",
      ],
      materials: [
        material("食品生产许可申请书"),
        businessLicense(),
        material("保健食品注册证书或备案凭证", { form: "copy" }),
        material("生产设备布局图和工艺流程图", { tolerable: true }),
        material("食品安全管理制度"),
      ],
      procedure: ["申请", "受理", "审查（含现场核查）", "决定", "发证"],
      statutoryLimitDays: 20,
      committedLimitDays: 10,
      fees: [],
      checkpoints: ["产品与注册或备案信息一致", "生产场所与营业执照住所一致"],
      deliveryMethods: ["window", "electronic", "mail"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "city",
    },
    [at(CITY, DELEGATED)],
  ),
  item(
    {
      id: I.inspectionBody,
      code: "BJ-SCJG-0002",
      name: "检验检测机构资质认定",
      departmentId: D.cityMarket,
      level: "city",
    },
    {
      conditions: ["依法成立并能够承担相应法律责任", "具有与其从事检验检测活动相适应的人员、设施和管理体系"],
      materials: [
        material("检验检测机构资质认定申请书"),
        businessLicense("法人营业执照或登记证书"),
        material("管理体系文件"),
        material("检验检测能力申请表"),
      ],
      procedure: ["申请", "受理", "技术评审（特殊程序）", "决定", "发证"],
      statutoryLimitDays: 10,
      committedLimitDays: 5,
      fees: [],
      checkpoints: ["申请能力在机构技术能力范围内", "技术评审时间不计入办理时限，书面告知申请人"],
      deliveryMethods: ["electronic", "window"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "city",
    },
    [at(CITY, AUTHORIZED)],
  ),
  item(
    {
      id: I.workingHoursSystem,
      code: "BJ-RSJ-0001",
      name: "企业实行不定时工作制和综合计算工时工作制审批",
      departmentId: D.cityHrss,
      level: "city",
    },
    {
      conditions: ["因生产特点不能实行标准工时制度的岗位", "已听取工会和职工意见"],
      materials: [
        material("实行特殊工时制度申请表"),
        businessLicense(),
        material("工会或职工代表意见", { tolerable: true }),
        material("涉及岗位和人员名单"),
      ],
      procedure: ["申请", "受理", "审查", "决定"],
      statutoryLimitDays: 20,
      committedLimitDays: 10,
      fees: [],
      checkpoints: ["岗位性质符合实行特殊工时制度的条件", "保障职工休息休假权利的措施明确"],
      deliveryMethods: ["electronic", "mail"],
      appointment: WALK_IN,
      crossRegion: "none",
      lowestLevel: "city",
    },
    [at(CITY, AUTHORIZED)],
  ),
  item(
    {
      id: I.foreignWorkPermit,
      code: "BJ-KW-0001",
      name: "外国人来华工作许可",
      departmentId: D.cityScience,
      level: "city",
    },
    {
      conditions: [
        "年满18周岁，身体健康，无犯罪记录",
        "境内有确定的聘用单位，具有从事其工作所必需的专业技能",
      ],
      materials: [
        material("外国人来华工作许可申请表"),
        material("护照或国际旅行证件", { form: "copy" }),
        material("最高学位（学历）证书", { form: "copy", commitment: true }),
        material("无犯罪记录证明", { tolerable: true }),
        material("体检证明", { commitment: true }),
        material("工作合同", { form: "copy" }),
        businessLicense("聘用单位营业执照"),
      ],
      procedure: ["网上申请", "受理", "审查", "决定", "发放工作许可通知"],
      statutoryLimitDays: 10,
      committedLimitDays: 5,
      fees: [],
      checkpoints: ["外文材料附中文翻译件", "分类（A/B/C类）与申请人条件一致"],
      deliveryMethods: ["electronic", "window"],
      appointment: { mode: "walkInOrAppointment", slotMinutes: 30, bookAheadDays: 30 },
      crossRegion: "none",
      lowestLevel: "city",
    },
    [at(CITY, DELEGATED)],
  ),

  // —— 门头沟区民政局 ———————————————————————————————————————————————————————————————————————————————
  item(
    {
      id: I.mentougouMinimumLiving,
      code: "MTG-MZJ-0001",
      name: "最低生活保障申请",
      departmentId: D.mentougouCivilAffairs,
      level: "district",
    },
    minimumLivingGuide,
    [at(MENTOUGOU, DELEGATED), at(QINGSHUI, DELEGATED)],
  ),
  item(
    {
      id: I.mentougouElderlyAllowance,
      code: "MTG-MZJ-0002",
      name: "高龄津贴申领",
      departmentId: D.mentougouCivilAffairs,
      level: "district",
    },
    elderlyAllowanceGuide,
    [at(MENTOUGOU, AUTHORIZED), at(QINGSHUI, DELEGATED)],
  ),
].sort((a, b) => a.id.localeCompare(b.id));

// ---------------------------------------------------------------------------------------------------------------------
// Windows (art. 13, 15)
// ---------------------------------------------------------------------------------------------------------------------

/** The items of a department that are resident (not excluded) in a center: what its department window serves. */
function residentItems(centerId: string, departmentId: string): string[] {
  return items
    .filter(
      (i) =>
        i.input.departmentId === departmentId &&
        i.statuses.some((s) => s.centerId === centerId && s.status.status === "resident"),
    )
    .map((i) => i.id);
}

type WindowType = z.input<typeof windowInputSchema>["type"];

function serviceWindow(
  n: number,
  centerId: string,
  code: string,
  type: WindowType,
  more: { departmentId?: string; itemIds?: string[]; languages?: string[] } = {},
): SeedWindow {
  return {
    id: seedId("win", n),
    centerId,
    input: { code, type, itemIds: more.itemIds ?? [], languages: more.languages ?? ["zh"], ...more },
  };
}

const W = {
  haidianConsultation: seedId("win", 1),
  haidianAcceptanceBusiness: seedId("win", 3),
  haidianAcceptanceSocial: seedId("win", 4),
  haidianAcceptanceHealthHousing: seedId("win", 5),
  haidianAssisted: seedId("win", 7),
  haidianCrossRegion: seedId("win", 8),
  haidianUnresolved: seedId("win", 9),
  haidianForeign: seedId("win", 10),
  haidianMarket: seedId("win", 11),
  haidianCivilAffairs: seedId("win", 15),
  haidianPolice: seedId("win", 16),
  realEstateRegistration: seedId("win", 22),
  realEstateAcceptance: seedId("win", 23),
  cityAcceptance: seedId("win", 31),
  cityForeign: seedId("win", 33),
  zhongguancunConsultation: seedId("win", 40),
  zhongguancunAcceptance: seedId("win", 41),
  zhongguancunPolice: seedId("win", 45),
  qingshuiAcceptance: seedId("win", 53),
};

export const windows: SeedWindow[] = [
  // 海淀区政务服务中心: every window type.
  serviceWindow(1, HAIDIAN, "A01", "generalConsultation"),
  serviceWindow(2, HAIDIAN, "A02", "generalConsultation", { languages: ["zh", "en"] }),
  serviceWindow(3, HAIDIAN, "B01", "generalAcceptance", {
    itemIds: [
      I.foodBusiness,
      I.individualBusiness,
      I.companyChange,
      I.simpleDeregistration,
      I.drugRetail,
      I.medicalDeviceFiling,
      I.hrServiceLicense,
      I.invoice,
    ],
  }),
  serviceWindow(4, HAIDIAN, "B02", "generalAcceptance", {
    itemIds: [
      I.employment,
      I.unemployment,
      I.socialSecurityCard,
      I.flexibleInsurance,
      I.unemploymentBenefit,
      I.minimumLiving,
      I.elderlyAllowance,
      I.disabilitySubsidies,
      I.elderlyCard,
      I.temporaryAssistance,
      I.socialOrganization,
    ],
  }),
  serviceWindow(5, HAIDIAN, "B03", "generalAcceptance", {
    itemIds: [
      I.physician,
      I.nurse,
      I.publicPlaceHygiene,
      I.birthCertificate,
      I.birthRegistration,
      I.constructionPermit,
      I.rentalFiling,
      I.publicRentalHousing,
      I.presale,
    ],
  }),
  serviceWindow(6, HAIDIAN, "B04", "generalAcceptance", {
    itemIds: [
      I.planningPermit,
      I.roadExcavation,
      I.outdoorAdvertising,
      I.realEstateRecords,
      I.residencePermitEndorsement,
      I.incomeTaxAssistance,
    ],
  }),
  serviceWindow(7, HAIDIAN, "C01", "assistedHandling", {
    itemIds: [
      I.minimumLiving,
      I.elderlyAllowance,
      I.disabilitySubsidies,
      I.elderlyCard,
      I.individualBusiness,
    ],
  }),
  serviceWindow(8, HAIDIAN, "C02", "crossRegion", {
    itemIds: [I.employment, I.socialSecurityCard, I.disabilitySubsidies, I.incomeTaxAssistance],
  }),
  serviceWindow(9, HAIDIAN, "C03", "unresolvedMatters"),
  serviceWindow(10, HAIDIAN, "F01", "foreignLanguage", {
    itemIds: [I.individualBusiness, I.companyChange, I.incomeTaxAssistance, I.invoice, I.employment],
    languages: ["zh", "en", "ja", "ko"],
  }),
  serviceWindow(11, HAIDIAN, "D01", "department", {
    departmentId: D.market,
    itemIds: residentItems(HAIDIAN, D.market),
  }),
  serviceWindow(12, HAIDIAN, "D02", "department", {
    departmentId: D.hrss,
    itemIds: residentItems(HAIDIAN, D.hrss),
  }),
  serviceWindow(13, HAIDIAN, "D03", "department", {
    departmentId: D.health,
    itemIds: residentItems(HAIDIAN, D.health),
  }),
  serviceWindow(14, HAIDIAN, "D04", "department", {
    departmentId: D.housing,
    itemIds: residentItems(HAIDIAN, D.housing),
  }),
  serviceWindow(15, HAIDIAN, "D05", "department", {
    departmentId: D.civilAffairs,
    itemIds: residentItems(HAIDIAN, D.civilAffairs),
  }),
  serviceWindow(16, HAIDIAN, "D06", "department", {
    departmentId: D.police,
    itemIds: residentItems(HAIDIAN, D.police),
  }),
  serviceWindow(17, HAIDIAN, "D07", "department", {
    departmentId: D.tax,
    itemIds: residentItems(HAIDIAN, D.tax),
    languages: ["zh", "en"],
  }),
  serviceWindow(18, HAIDIAN, "D08", "department", {
    departmentId: D.planning,
    itemIds: residentItems(HAIDIAN, D.planning),
  }),
  serviceWindow(19, HAIDIAN, "D09", "department", {
    departmentId: D.urbanManagement,
    itemIds: residentItems(HAIDIAN, D.urbanManagement),
  }),

  // 海淀区不动产登记专业分中心
  serviceWindow(21, HAIDIAN_REAL_ESTATE, "A01", "generalConsultation"),
  serviceWindow(22, HAIDIAN_REAL_ESTATE, "D01", "department", {
    departmentId: D.realEstate,
    itemIds: [I.realEstateTransfer, I.realEstateMortgage],
  }),
  serviceWindow(23, HAIDIAN_REAL_ESTATE, "D02", "department", {
    departmentId: D.realEstate,
    itemIds: residentItems(HAIDIAN_REAL_ESTATE, D.realEstate),
  }),

  // 北京市政务服务中心
  serviceWindow(30, CITY, "A01", "generalConsultation", { languages: ["zh", "en"] }),
  serviceWindow(31, CITY, "B01", "generalAcceptance", {
    itemIds: [I.healthFoodProduction, I.inspectionBody, I.workingHoursSystem, I.foreignWorkPermit],
  }),
  serviceWindow(32, CITY, "C01", "crossRegion"),
  serviceWindow(33, CITY, "F01", "foreignLanguage", {
    itemIds: [I.foreignWorkPermit],
    languages: ["zh", "en", "fr", "ru", "ja", "ko"],
  }),
  serviceWindow(34, CITY, "D01", "department", {
    departmentId: D.cityMarket,
    itemIds: residentItems(CITY, D.cityMarket),
  }),
  serviceWindow(35, CITY, "D02", "department", {
    departmentId: D.cityHrss,
    itemIds: residentItems(CITY, D.cityHrss),
  }),
  serviceWindow(36, CITY, "D03", "department", {
    departmentId: D.cityScience,
    itemIds: residentItems(CITY, D.cityScience),
    languages: ["zh", "en"],
  }),

  // 中关村街道政务服务中心
  serviceWindow(40, ZHONGGUANCUN, "A01", "generalConsultation"),
  serviceWindow(41, ZHONGGUANCUN, "B01", "generalAcceptance", {
    itemIds: [
      I.employment,
      I.unemployment,
      I.socialSecurityCard,
      I.flexibleInsurance,
      I.unemploymentBenefit,
      I.minimumLiving,
      I.elderlyAllowance,
      I.disabilitySubsidies,
      I.elderlyCard,
      I.temporaryAssistance,
    ],
  }),
  serviceWindow(42, ZHONGGUANCUN, "B02", "generalAcceptance", {
    itemIds: [I.rentalFiling, I.publicRentalHousing, I.birthRegistration],
  }),
  serviceWindow(43, ZHONGGUANCUN, "C01", "assistedHandling", {
    itemIds: [I.minimumLiving, I.elderlyAllowance, I.disabilitySubsidies, I.elderlyCard],
  }),
  serviceWindow(44, ZHONGGUANCUN, "C02", "unresolvedMatters"),
  // The police station's household-registration window; its items belong to 海淀分局.
  serviceWindow(45, ZHONGGUANCUN, "D01", "department", {
    departmentId: D.zhongguancunPolice,
    itemIds: residentItems(ZHONGGUANCUN, D.police),
  }),

  // Other subdistrict and township centers.
  serviceWindow(46, HAIDIAN_STREET, "B01", "generalAcceptance", {
    itemIds: [
      I.employment,
      I.unemployment,
      I.flexibleInsurance,
      I.minimumLiving,
      I.elderlyAllowance,
      I.elderlyCard,
      I.rentalFiling,
    ],
  }),
  serviceWindow(47, XUEYUANLU, "B01", "generalAcceptance", {
    itemIds: [
      I.employment,
      I.socialSecurityCard,
      I.minimumLiving,
      I.disabilitySubsidies,
      I.elderlyCard,
      I.birthRegistration,
    ],
  }),
  serviceWindow(48, SIJIQING, "B01", "generalAcceptance", {
    itemIds: [
      I.employment,
      I.unemployment,
      I.minimumLiving,
      I.elderlyAllowance,
      I.disabilitySubsidies,
      I.elderlyCard,
      I.rentalFiling,
      I.publicRentalHousing,
    ],
  }),
  serviceWindow(49, SIJIQING, "C01", "assistedHandling", {
    itemIds: [I.minimumLiving, I.elderlyAllowance, I.elderlyCard],
  }),

  // 门头沟区 and the remote mountain township 清水镇.
  serviceWindow(50, MENTOUGOU, "A01", "generalConsultation"),
  serviceWindow(51, MENTOUGOU, "B01", "generalAcceptance", {
    itemIds: [I.mentougouMinimumLiving, I.mentougouElderlyAllowance],
  }),
  serviceWindow(52, MENTOUGOU, "D01", "department", {
    departmentId: D.mentougouCivilAffairs,
    itemIds: residentItems(MENTOUGOU, D.mentougouCivilAffairs),
  }),
  serviceWindow(53, QINGSHUI, "B01", "generalAcceptance", {
    itemIds: [I.mentougouMinimumLiving, I.mentougouElderlyAllowance],
  }),
  serviceWindow(54, QINGSHUI, "C01", "assistedHandling", {
    itemIds: [I.mentougouMinimumLiving, I.mentougouElderlyAllowance],
  }),
];

// ---------------------------------------------------------------------------------------------------------------------
// Users and the staff roster (art. 42–50)
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
  approver: { sub: seedId("usr", 3), role: "approver", centerId: DEMO_CENTER_ID, departmentId: D.market },
  chiefRep: { sub: seedId("usr", 4), role: "chiefRep", centerId: DEMO_CENTER_ID, departmentId: D.market },
  admin: { sub: seedId("usr", 5), role: "admin", centerId: DEMO_CENTER_ID },
  supervisor: { sub: seedId("usr", 6), role: "supervisor", centerId: DEMO_CENTER_ID },
  cityAdmin: { sub: seedId("usr", 7), role: "admin", centerId: CITY_CENTER_ID },
  /** The city's supervisor (督查): their scope is every center of the city — the warnings across centers. */
  citySupervisor: { sub: seedId("usr", 11), role: "supervisor", centerId: CITY_CENTER_ID },
  subdistrictClerk: { sub: seedId("usr", 8), role: "clerk", centerId: ZHONGGUANCUN },
  /**
   * A clerk of the police department's own window in the Haidian center (部门窗口): accepts the department's items, the
   * household ones it did not delegate to the comprehensive windows included, and no other department's (art. 26).
   */
  policeClerk: { sub: seedId("usr", 10), role: "clerk", centerId: DEMO_CENTER_ID, departmentId: D.police },
  /**
   * The market department's back-office approver (后台审批): acts for the department's cases in the Haidian center but
   * is not stationed there (no roster entry) — decides items outside the authorized list (art. 28, 44).
   */
  backOfficeApprover: {
    sub: seedId("usr", 9),
    role: "approver",
    centerId: DEMO_CENTER_ID,
    departmentId: D.market,
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

/** GB 11643 check character for 17 digits (fictitious people, valid numbers). */
function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first17.charAt(i)), 0);
  return first17 + "10X98765432".charAt(sum % 11);
}

const S = {
  haidianMentor: seedId("stf", 1),
};

const member = (n: number, input: SeedStaff["input"], chiefRepresentativeOf?: string): SeedStaff => ({
  id: seedId("stf", n),
  input,
  ...(chiefRepresentativeOf ? { chiefRepresentativeOf } : {}),
});

/** A department's chief representative: permanent staff, stationed in a city or district comprehensive center. */
const chiefRep = (
  n: number,
  name: string,
  centerId: string,
  departmentId: string,
  stationedOn: string,
  more: { employmentType?: "civilServant" | "institutionStaff"; userId?: string; head?: boolean } = {},
): SeedStaff =>
  member(
    n,
    {
      name,
      role: "chiefRep",
      centerId,
      departmentId,
      duty: "首席代表",
      employmentType: more.employmentType ?? "civilServant",
      stationedOn,
      ...(more.userId ? { userId: more.userId } : {}),
      ...(more.head ? { head: true } : {}),
    },
    departmentId,
  );

/** Staff are registered in this order: an intern's supervising colleague comes first. */
export const staff: SeedStaff[] = [
  // —— 海淀区政务服务中心: the seed users ——
  member(1, {
    name: "王丽娟",
    role: "clerk",
    centerId: HAIDIAN,
    windowId: W.haidianAcceptanceBusiness,
    duty: "综合受理（企业开办、市场准入）",
    employmentType: "contract",
    stationedOn: "2021-03-01",
    examPassedOn: "2021-05-14",
    qualificationLevel: 3,
    phone: "13911086421",
    userId: seedUsers.clerk.sub,
  }),
  member(2, {
    name: "张伟",
    role: "approver",
    centerId: HAIDIAN,
    departmentId: D.market,
    windowId: W.haidianMarket,
    duty: "食品经营许可审批",
    employmentType: "civilServant",
    stationedOn: "2019-09-02",
    // Seven years in a key approval post: due for rotation (art. 46).
    keyPost: true,
    idNumber: residentId("11010819800415031"),
    phone: "13701158832",
    userId: seedUsers.approver.sub,
  }),
  // Authorised by the district market regulator to act as its head at the center: approves extensions (行政许可法 art. 42).
  chiefRep(3, "李建国", HAIDIAN, D.market, "2022-07-01", { userId: seedUsers.chiefRep.sub, head: true }),
  member(4, {
    name: "赵敏",
    role: "admin",
    centerId: HAIDIAN,
    duty: "中心运行管理（海淀区政务服务管理局）",
    employmentType: "civilServant",
    stationedOn: "2020-04-01",
    userId: seedUsers.admin.sub,
  }),
  member(5, {
    name: "陈静",
    role: "supervisor",
    centerId: HAIDIAN,
    duty: "服务监督、好差评与12345诉求督办",
    employmentType: "civilServant",
    stationedOn: "2023-01-09",
    userId: seedUsers.supervisor.sub,
  }),
  // —— 海淀区: the other departments' chief representatives ——
  chiefRep(6, "刘海涛", HAIDIAN, D.hrss, "2021-11-15"),
  chiefRep(7, "杨晓红", HAIDIAN, D.health, "2022-03-21", { employmentType: "institutionStaff" }),
  chiefRep(8, "吴志强", HAIDIAN, D.housing, "2020-08-03"),
  chiefRep(9, "郑秀兰", HAIDIAN, D.civilAffairs, "2023-02-13"),
  chiefRep(10, "孙国庆", HAIDIAN, D.police, "2021-05-10"),
  chiefRep(11, "马丽", HAIDIAN, D.tax, "2022-09-05"),
  chiefRep(12, "朱宏伟", HAIDIAN, D.planning, "2024-03-04"),
  chiefRep(13, "胡军", HAIDIAN, D.urbanManagement, "2023-06-19", { employmentType: "institutionStaff" }),
  // —— 海淀区: resident approvers ——
  member(14, {
    name: "高峰",
    role: "approver",
    centerId: HAIDIAN,
    departmentId: D.hrss,
    duty: "就业失业登记、社会保险业务审核",
    employmentType: "institutionStaff",
    stationedOn: "2023-04-03",
  }),
  member(15, {
    name: "林雪",
    role: "approver",
    centerId: HAIDIAN,
    departmentId: D.health,
    duty: "医师、护士执业注册审核",
    employmentType: "civilServant",
    stationedOn: "2022-05-16",
  }),
  member(16, {
    name: "何磊",
    role: "approver",
    centerId: HAIDIAN,
    departmentId: D.housing,
    duty: "建筑工程施工许可审批",
    employmentType: "civilServant",
    stationedOn: "2018-10-08",
    keyPost: true,
  }),
  member(17, {
    name: "郭芳",
    role: "approver",
    centerId: HAIDIAN,
    departmentId: D.civilAffairs,
    windowId: W.haidianCivilAffairs,
    duty: "婚姻登记员",
    employmentType: "institutionStaff",
    stationedOn: "2021-09-01",
  }),
  member(18, {
    name: "罗斌",
    role: "approver",
    centerId: HAIDIAN,
    departmentId: D.police,
    windowId: W.haidianPolice,
    duty: "户籍业务（户口迁移、居住证、身份证）",
    employmentType: "civilServant",
    stationedOn: "2024-01-02",
  }),
  // —— 海淀区: window clerks ——
  member(19, {
    name: "周婷",
    role: "clerk",
    centerId: HAIDIAN,
    windowId: W.haidianConsultation,
    duty: "综合咨询（首问负责）",
    employmentType: "outsourced",
    stationedOn: "2022-06-01",
    examPassedOn: "2022-08-10",
    qualificationLevel: 4,
  }),
  member(20, {
    name: "徐明",
    role: "clerk",
    centerId: HAIDIAN,
    windowId: W.haidianAcceptanceSocial,
    duty: "综合受理（社会事务）",
    employmentType: "contract",
    stationedOn: "2019-03-11",
    examPassedOn: "2019-05-20",
    qualificationLevel: 2,
  }),
  member(21, {
    name: "宋佳",
    role: "clerk",
    centerId: HAIDIAN,
    // Sits with her mentor at B01 during the two-month internship; no exam yet (art. 49).
    windowId: W.haidianAcceptanceBusiness,
    duty: "综合受理（实习）",
    employmentType: "contract",
    stationedOn: "2026-10-12",
    internship: { startedOn: "2026-10-12", supervisorId: S.haidianMentor },
  }),
  member(22, {
    name: "韩雪",
    role: "clerk",
    centerId: HAIDIAN,
    windowId: W.haidianForeign,
    duty: "外语咨询受理（英语、日语）",
    employmentType: "contract",
    stationedOn: "2023-08-01",
    examPassedOn: "2023-10-12",
    qualificationLevel: 3,
  }),
  member(23, {
    name: "金美善",
    role: "clerk",
    centerId: HAIDIAN,
    windowId: W.haidianForeign,
    duty: "外语咨询受理（韩语）",
    employmentType: "outsourced",
    stationedOn: "2024-05-06",
    examPassedOn: "2024-07-15",
    qualificationLevel: 4,
  }),
  member(24, {
    name: "冯磊",
    role: "clerk",
    centerId: HAIDIAN,
    windowId: W.haidianAssisted,
    duty: "帮办代办",
    employmentType: "outsourced",
    stationedOn: "2024-02-19",
    examPassedOn: "2024-04-22",
    qualificationLevel: 4,
  }),
  member(25, {
    name: "曹颖",
    role: "clerk",
    centerId: HAIDIAN,
    windowId: W.haidianCrossRegion,
    duty: "京津冀、跨省通办受理",
    employmentType: "contract",
    stationedOn: "2022-11-07",
    examPassedOn: "2023-01-16",
    qualificationLevel: 3,
  }),
  member(26, {
    name: "彭涛",
    role: "clerk",
    centerId: HAIDIAN,
    windowId: W.haidianUnresolved,
    duty: "“办不成事”反映受理",
    employmentType: "civilServant",
    stationedOn: "2023-05-08",
    examPassedOn: "2023-07-10",
  }),
  member(27, {
    name: "唐宁",
    role: "admin",
    centerId: HAIDIAN,
    duty: "窗口管理与人员培训",
    employmentType: "civilServant",
    stationedOn: "2024-06-03",
  }),
  member(28, {
    name: "邓洁",
    role: "supervisor",
    centerId: HAIDIAN,
    duty: "现场巡查与电子监督",
    employmentType: "institutionStaff",
    stationedOn: "2025-02-10",
  }),

  // —— 海淀区不动产登记专业分中心 (no chief representative below a comprehensive center, art. 44) ——
  member(30, {
    name: "钟晓峰",
    role: "approver",
    centerId: HAIDIAN_REAL_ESTATE,
    departmentId: D.realEstate,
    windowId: W.realEstateRegistration,
    duty: "不动产登记审核（登簿）",
    employmentType: "civilServant",
    stationedOn: "2020-12-01",
    keyPost: true,
  }),
  member(31, {
    name: "石慧",
    role: "clerk",
    centerId: HAIDIAN_REAL_ESTATE,
    departmentId: D.realEstate,
    windowId: W.realEstateAcceptance,
    duty: "不动产登记受理",
    employmentType: "institutionStaff",
    stationedOn: "2023-09-18",
    examPassedOn: "2023-11-20",
    qualificationLevel: 3,
  }),
  member(32, {
    name: "孔德明",
    role: "admin",
    centerId: HAIDIAN_REAL_ESTATE,
    duty: "分中心运行管理",
    employmentType: "institutionStaff",
    stationedOn: "2021-04-12",
  }),

  // —— 北京市政务服务中心 ——
  member(40, {
    name: "钱永刚",
    role: "admin",
    centerId: CITY,
    duty: "市政务服务中心运行管理（北京市政务服务和数据管理局）",
    employmentType: "civilServant",
    stationedOn: "2018-05-02",
    userId: seedUsers.cityAdmin.sub,
  }),
  member(64, {
    name: "孟凡超",
    role: "supervisor",
    centerId: CITY,
    duty: "全市政务服务场所督查（北京市政务服务和数据管理局）",
    employmentType: "civilServant",
    stationedOn: "2019-09-02",
    userId: seedUsers.citySupervisor.sub,
  }),
  chiefRep(41, "邵华", CITY, D.cityMarket, "2022-01-10"),
  chiefRep(42, "段文杰", CITY, D.cityHrss, "2021-07-05"),
  chiefRep(43, "卢静怡", CITY, D.cityScience, "2023-03-13"),
  member(44, {
    name: "严晓东",
    role: "approver",
    centerId: CITY,
    departmentId: D.cityMarket,
    duty: "食品生产许可、资质认定审查",
    employmentType: "civilServant",
    stationedOn: "2020-06-01",
  }),
  member(45, {
    name: "夏雨",
    role: "clerk",
    centerId: CITY,
    windowId: W.cityAcceptance,
    duty: "综合受理",
    employmentType: "contract",
    stationedOn: "2020-10-19",
    examPassedOn: "2020-12-21",
    qualificationLevel: 2,
  }),
  member(46, {
    name: "叶思琪",
    role: "clerk",
    centerId: CITY,
    windowId: W.cityForeign,
    duty: "外语服务（英语、法语）",
    employmentType: "contract",
    stationedOn: "2024-03-11",
    examPassedOn: "2024-05-13",
    qualificationLevel: 3,
  }),
  member(47, {
    name: "薛红梅",
    role: "supervisor",
    centerId: CITY,
    duty: "全市政务服务场所监督检查",
    employmentType: "civilServant",
    stationedOn: "2019-07-01",
  }),

  // —— 中关村街道政务服务中心 (clerks provided by the district administration, art. 47) ——
  member(50, {
    name: "贾晓燕",
    role: "clerk",
    centerId: ZHONGGUANCUN,
    windowId: W.zhongguancunAcceptance,
    duty: "综合受理（社保、民政）",
    employmentType: "contract",
    stationedOn: "2022-04-06",
    examPassedOn: "2022-06-17",
    qualificationLevel: 4,
    phone: "15810237746",
    userId: seedUsers.subdistrictClerk.sub,
  }),
  member(51, {
    name: "秦志刚",
    role: "admin",
    centerId: ZHONGGUANCUN,
    duty: "街道政务服务中心主任",
    employmentType: "civilServant",
    stationedOn: "2021-01-04",
  }),
  member(52, {
    name: "万涛",
    role: "approver",
    centerId: ZHONGGUANCUN,
    departmentId: D.zhongguancunPolice,
    windowId: W.zhongguancunPolice,
    duty: "户籍民警（居住证、身份证）",
    employmentType: "civilServant",
    stationedOn: "2023-08-21",
    idNumber: residentId("11010819880923051"),
  }),
  member(53, {
    name: "任丽",
    role: "clerk",
    centerId: ZHONGGUANCUN,
    windowId: W.zhongguancunConsultation,
    duty: "综合咨询",
    employmentType: "outsourced",
    stationedOn: "2025-03-03",
    examPassedOn: "2025-05-12",
    qualificationLevel: 5,
  }),

  // —— 门头沟区 and 清水镇 ——
  member(60, {
    name: "白建华",
    role: "admin",
    centerId: MENTOUGOU,
    duty: "中心运行管理（门头沟区政务服务管理局）",
    employmentType: "civilServant",
    stationedOn: "2020-09-01",
  }),
  chiefRep(61, "崔玉兰", MENTOUGOU, D.mentougouCivilAffairs, "2022-02-14"),
  member(62, {
    name: "田秀英",
    role: "clerk",
    centerId: QINGSHUI,
    windowId: W.qingshuiAcceptance,
    duty: "综合受理、帮办代办（社会救助、养老服务）",
    employmentType: "contract",
    stationedOn: "2021-06-07",
    examPassedOn: "2021-08-16",
    qualificationLevel: 4,
  }),
  member(63, {
    name: "付强",
    role: "admin",
    centerId: QINGSHUI,
    duty: "镇政务服务中心主任",
    employmentType: "civilServant",
    stationedOn: "2022-12-05",
  }),
];

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
