/** The regulation's Chinese terms for what the API names in English (../shared/GLOSSARY.md). */
type Term<K extends string> = ((code: string | undefined) => string) & { codes: K[] };

/** A term table: the Chinese for each code (the code itself if unknown), and the codes in the order people read them. */
function term<K extends string>(names: Record<K, string>): Term<K> {
  const name = (code: string | undefined) =>
    code === undefined ? "—" : ((names as Record<string, string>)[code] ?? code);
  return Object.assign(name, { codes: Object.keys(names) as K[] });
}

export const roleName = term({
  applicant: "申请人",
  clerk: "窗口工作人员",
  approver: "审批人员",
  chiefRep: "首席代表",
  admin: "中心管理人员",
  supervisor: "监督人员",
});

/** Art. 13: the kinds of window a ticket is for. */
export const ticketServiceName = term({
  consultation: "综合咨询",
  application: "综合受理",
  assisted: "帮办代办",
  crossRegion: "区域通办",
  unresolvedMatter: "“办不成事”反映",
});

export const priorityName = term({ appointment: "预约", priorityGroup: "优先", standard: "普通" });
/** Art. 14: 军人、退役军人优先, age-friendly and barrier-free service. */
export const priorityGroupName = term({ military: "军人、退役军人", elderly: "老年人", disabled: "残疾人" });
export const ticketStateName = term({
  waiting: "等候中",
  called: "已叫号",
  serving: "办理中",
  completed: "已办结",
  noShow: "过号",
});

export const applicationStateName = term({
  submitted: "待受理",
  awaitingCorrection: "待补正",
  accepted: "已受理",
  acceptedWithDeficiencies: "容缺受理",
  rejected: "不予受理",
  decided: "已决定",
  delivered: "已送达",
});

/** The documents a case produces, by their names on paper (also the portal's Chinese, web/src/portal/messages.ts). */
export const DOCUMENT_KIND_NAMES = {
  acceptanceReceipt: "受理凭证",
  correctionNotice: "补齐补正通知书",
  tolerantAcceptanceNotice: "容缺受理通知书",
  rejectionNotice: "不予受理凭证",
  deemedAcceptanceReceipt: "受理凭证（逾期视为受理）",
  approvalDecision: "准予行政许可决定书",
  denialDecision: "不予行政许可决定书",
  extensionNotice: "延长审批期限告知书",
  procedureNotice: "特殊程序告知书",
  eLicense: "电子证照",
};
export const documentKindName = term(DOCUMENT_KIND_NAMES);

export const warningLevelName = term({ reminder: "提醒", yellow: "黄色预警", red: "红色预警" });
export const stageName = term({
  acceptance: "受理",
  review: "审查",
  procedure: "特殊程序",
  cure: "容缺补正",
  delivery: "送达",
  case: "办件全程",
  hotlineReply: "12345 答复",
  rectification: "差评整改",
});

export const taskStateName = term({ open: "审查中", inProcedure: "特殊程序中", decided: "已决定" });
/** 行政许可法 art. 45: what does not count toward the decision period. */
export const procedureKindName = term({
  hearing: "听证",
  bidding: "招标",
  auction: "拍卖",
  inspection: "检验",
  testing: "检测",
  quarantine: "检疫",
  appraisal: "鉴定",
  expertReview: "专家评审",
  publicNotice: "公示",
});

/**
 * The steps a case's history records — intake's, review's and delivery's events on it (art. 31: the whole process is
 * traceable) — as the console names them. `caseStepName` reads the few whose name depends on what they carry.
 */
export const caseEventName = term({
  "application.submitted": "提交申请",
  "application.accepted": "受理",
  "application.correction-requested": "一次性告知补正",
  "application.supplemented": "补交材料",
  "application.accepted-with-deficiencies": "容缺受理",
  "application.deficiency-cured": "容缺材料已补齐",
  "application.rejected": "不予受理",
  "application.deemed-accepted": "逾期视为受理",
  "review.assigned": "分派至审批部门",
  "review.procedure-started": "开始特殊程序",
  "review.procedure-completed": "结束特殊程序",
  "review.extended": "延长审批期限",
  "review.materials-requested": "通知补充材料",
  "review.recommended": "首席代表提出审批意见",
  "review.decided": "作出审批决定",
  "review.contact-recorded": "联系申请人",
  "delivery.opened": "进入结果送达",
  "e-license.issued": "签发电子证照",
  "delivery.method-chosen": "选择送达方式",
  "delivery.ready": "结果待领取",
  "delivery.returned": "邮件退回",
  "delivery.completed": "结果已送达",
  "delivery.result-opened": "申请人查看电子结果",
  "delivery.code-locked": "取件码已锁定",
});

/** A step's name in a case's history: a claim, a release and a reassignment are all `review.assigned`. */
export function caseStepName(step: { type: string; data: Record<string, unknown> }): string {
  if (step.type === "review.assigned") {
    if (step.data.reason === "claimed") return "认领";
    if (step.data.reason === "released") return "退回待认领";
    return step.data.assigneeId ? "改派" : caseEventName(step.type);
  }
  if (step.type === "review.decided")
    return step.data.decision === "denied" ? "作出决定：不予许可" : "作出决定：准予许可";
  return caseEventName(step.type);
}

export const windowTypeName = term({
  generalConsultation: "综合咨询",
  generalAcceptance: "综合受理",
  assistedHandling: "帮办代办",
  crossRegion: "区域通办",
  unresolvedMatters: "“办不成事”反映",
  foreignLanguage: "外语服务",
  department: "部门窗口",
});

/** How a material of an application was provided (art. 25, 36, 37; electronic materials, issue 19). */
export const materialStatusName = term({
  paper: "纸质材料已收",
  electronic: "电子材料已核验",
  eLicense: "电子证照已核验",
  commitment: "告知承诺",
  missing: "未提交",
});

// ——— 12345 接诉即办 and complaints (art. 52) ———

export const workOrderStateName = term({
  received: "待派单",
  dispatched: "待签收",
  signedFor: "已签收",
  inProgress: "办理中",
  replied: "已答复待回访",
  closed: "已办结",
});
export const requestKindName = term({
  consultation: "咨询",
  help: "求助",
  complaint: "投诉",
  report: "举报",
  suggestion: "建议",
});
/** The reply limits (DOMAIN.md): emergency 2 h, utilities 24 h, general 7 days, complex 15 days. */
export const urgencyName = term({
  emergency: "紧急",
  utilities: "水电气热",
  general: "一般",
  complex: "疑难复杂",
});
export const originName = term({ hotline: "12345 热线", center: "中心内投诉" });
export const replyOutcomeName = term({
  resolved: "已解决",
  partlyResolved: "部分解决",
  explained: "已解释说明",
  unresolved: "未解决",
});
export const workOrderActionName = term({
  received: "接收",
  dispatched: "派单",
  signedFor: "签收",
  progress: "办理",
  replied: "答复",
  followedUp: "回访",
  followUpUnreached: "回访未接通",
  transferRequested: "申请转办",
  transferDeclined: "拒绝转办",
  transferred: "转办",
});

/** 好差评 (art. 52(三)): the five levels. */
export const ratingLevelName = term({
  verySatisfied: "非常满意",
  satisfied: "满意",
  basicallySatisfied: "基本满意",
  dissatisfied: "不满意",
  veryDissatisfied: "非常不满意",
});
export const rectificationStateName = term({ open: "整改中", completed: "已整改", cancelled: "已撤销" });
/** 办不成事反映 (art. 13, 34). */
export const matterStateName = term({
  recorded: "待指定协调人",
  assigned: "已指定协调人",
  coordinating: "协调中",
  replied: "已答复",
});
export const matterReasonName = term({
  noMatchingItem: "无对应事项",
  unclearGuide: "办事指南不清",
  crossDepartment: "跨部门协调",
  systemIssue: "系统问题",
  materialsUnobtainable: "材料无法取得",
  policyGap: "政策空白",
  other: "其他",
});
export const matterChannelName = term({
  window: "“办不成事”反映窗口",
  desk: "服务台",
  phone: "电话",
  online: "网上",
  hotline: "12345 热线",
});
export const meetingOutcomeName = term({
  resolved: "已解决",
  partlyResolved: "部分解决",
  notResolvable: "无法解决",
  needsPolicyChange: "需政策调整",
  furtherCoordination: "需继续协调",
});
export const replyMethodName = term({
  phone: "电话",
  sms: "短信",
  letter: "书面",
  online: "网上",
  inPerson: "当面",
});
