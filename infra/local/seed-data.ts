import type { Principal } from "#shared/auth/principal.ts";
import type { CenterInput } from "#services/catalog/domain/center.ts";
import type { GuideContent } from "#services/catalog/domain/guide.ts";
import type { ItemInput } from "#services/catalog/domain/item.ts";

/** Fixed, valid prefixed ULIDs, so the ids printed at start are the same every time. */
export const seedId = (prefix: string, n: number) =>
  `${prefix}_01JSEED0000000000000000${String(n).padStart(3, "0")}`;

export const DEMO_CENTER_ID = seedId("ctr", 1);

export const departments = [
  { id: seedId("dep", 1), name: "海淀区市场监督管理局" },
  { id: seedId("dep", 2), name: "海淀区人力资源和社会保障局" },
  { id: seedId("dep", 3), name: "海淀区卫生健康委员会" },
  { id: seedId("dep", 4), name: "海淀区住房和城乡建设委员会" },
  { id: seedId("dep", 5), name: "海淀区民政局" },
] as const;

export const demoCenter: CenterInput = {
  name: "北京市海淀区政务服务中心",
  level: "district",
  kind: "comprehensive",
  address: "北京市海淀区四季青路6号",
  consultationPhone: "010-88487766",
  departments: [...departments],
};

/** The users `POST /_local/token` can mint for by name, and `npm start` prints tokens for. */
export const seedUsers = {
  applicant: { sub: seedId("usr", 1), role: "applicant" },
  clerk: { sub: seedId("usr", 2), role: "clerk", centerId: DEMO_CENTER_ID },
  approver: {
    sub: seedId("usr", 3),
    role: "approver",
    centerId: DEMO_CENTER_ID,
    departmentId: departments[0].id,
  },
  chiefRep: {
    sub: seedId("usr", 4),
    role: "chiefRep",
    centerId: DEMO_CENTER_ID,
    departmentId: departments[0].id,
  },
  admin: { sub: seedId("usr", 5), role: "admin", centerId: DEMO_CENTER_ID },
  supervisor: { sub: seedId("usr", 6), role: "supervisor", centerId: DEMO_CENTER_ID },
} as const satisfies Record<string, Principal>;

export const demoItems: { id: string; item: ItemInput; guide: GuideContent }[] = [
  {
    id: seedId("itm", 1),
    item: {
      code: "HD-SCJG-0001",
      name: "食品经营许可（新办）",
      departmentId: departments[0].id,
      level: "district",
    },
    guide: {
      conditions: [
        "具有与经营的食品品种、数量相适应的经营场所",
        "有食品安全管理人员和保证食品安全的规章制度",
      ],
      materials: [
        {
          name: "食品经营许可申请书",
          required: true,
          copies: 1,
          form: "original",
          commitmentAllowed: false,
          tolerable: false,
        },
        {
          name: "营业执照",
          required: true,
          copies: 1,
          form: "copy",
          eLicenseType: "营业执照",
          commitmentAllowed: false,
          tolerable: false,
        },
        {
          name: "经营场所平面布局图",
          required: true,
          copies: 1,
          form: "original",
          commitmentAllowed: false,
          tolerable: true,
        },
        {
          name: "食品安全管理制度文本",
          required: true,
          copies: 1,
          form: "original",
          commitmentAllowed: true,
          tolerable: false,
        },
      ],
      procedure: ["申请", "受理", "审查（含现场核查）", "决定", "制证送达"],
      statutoryLimitDays: 20,
      committedLimitDays: 10,
      fees: [],
      checkpoints: ["申请人名称与营业执照一致", "经营项目在许可范围内"],
      deliveryMethods: ["window", "electronic", "mail"],
    },
  },
  {
    id: seedId("itm", 2),
    item: { code: "HD-RSJ-0002", name: "就业登记", departmentId: departments[1].id, level: "subdistrict" },
    guide: {
      conditions: ["在本市就业的劳动者"],
      materials: [
        {
          name: "居民身份证",
          required: true,
          copies: 1,
          form: "original",
          eLicenseType: "居民身份证",
          commitmentAllowed: false,
          tolerable: false,
        },
        {
          name: "劳动合同",
          required: true,
          copies: 1,
          form: "copy",
          commitmentAllowed: false,
          tolerable: false,
        },
      ],
      procedure: ["申请", "受理", "办结"],
      statutoryLimitDays: 5,
      committedLimitDays: 1,
      fees: [],
      checkpoints: [],
      deliveryMethods: ["window", "electronic"],
    },
  },
];
