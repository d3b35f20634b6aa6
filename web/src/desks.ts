/** The desks of the console, and which roles open them (the API decides what each may do there). */
export interface Desk {
  name: string;
  title: string;
  description: string;
  roles: readonly string[];
}

export const DESKS: readonly Desk[] = [
  {
    name: "window",
    title: "窗口",
    description: "叫号、收件受理、今日预约、咨询与一次性告知",
    roles: ["clerk"],
  },
  {
    name: "review",
    title: "审批",
    description: "待办审查、认领与决定、特殊程序、延期、联系记录",
    roles: ["approver", "chiefRep"],
  },
  {
    name: "admin",
    title: "管理",
    description: "预警看板、办件计时、窗口与人员、合规、休息日安排、预警规则",
    roles: ["admin", "supervisor"],
  },
  {
    name: "center-day",
    title: "督查",
    description: "中心运行日报：到达人次、等候时间、服务水平、窗口配置（图表与数据表）",
    roles: ["admin", "supervisor"],
  },
  {
    name: "monthly-indicators",
    title: "指标",
    description:
      "月度指标：按时办结、超期、预警、审批用时、受理结果、补正与未到率、满意度，本月与上月，导出 CSV",
    roles: ["admin", "supervisor"],
  },
  {
    name: "cross-center-warnings",
    title: "跨中心预警",
    description: "所辖各中心的红色、黄色预警与提醒：按中心统计（图表与数据表），红色优先的预警明细",
    roles: ["supervisor"],
  },
  {
    name: "hotline",
    title: "12345",
    description: "接诉即办：工单派单、签收、办理、答复、回访与转办，答复时限；响应率、解决率、满意率与热点",
    roles: ["clerk", "approver", "chiefRep", "admin", "supervisor"],
  },
  {
    name: "ratings",
    title: "好差评",
    description: "差评整改：7 天整改时限、实名差评回访、整改措施；各等级评价与满意率（按部门）",
    roles: ["clerk", "approver", "chiefRep", "admin", "supervisor"],
  },
  {
    name: "unresolved-matters",
    title: "办不成事",
    description: "“办不成事”反映：登记、指定协调人、专事专议、答复与最终申请",
    roles: ["clerk", "approver", "chiefRep", "admin", "supervisor"],
  },
];

export const desksFor = (role: string | undefined) => DESKS.filter((d) => role && d.roles.includes(role));
