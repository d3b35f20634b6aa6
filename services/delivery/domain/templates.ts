/**
 * Message templates (art. 31), Chinese, with `{placeholders}`. Each has a version; the version a notification was
 * rendered from is stored on it, so a later wording change never rewrites what was sent. A change of wording is a new
 * version here (the old stays readable in git and in every notification that used it).
 */
export interface Template {
  key: string;
  version: number;
  sms: string;
  email: { subject: string; body: string };
  inbox: { title: string; body: string };
}

const SIGN = "【北京政务服务】";

/** `sms`: where the SMS must say less than the inbox and email (a link is no use in an SMS; each part is billed). */
function template(key: string, version: number, title: string, text: string, sms = text): Template {
  return {
    key,
    version,
    sms: `${SIGN}${sms}`,
    // Version 2: the greeting no longer repeats the applicant's name — a name is what the applicant typed, and a
    // message from the government sender must not open with text a stranger chose (issue 15).
    email: { subject: `${title}：{itemName}`, body: `您好：\n\n${text}\n\n{centerName}` },
    inbox: { title, body: text },
  };
}

export const TEMPLATES: Record<string, Template> = Object.fromEntries(
  [
    // Version 3: without the application's id — 30 characters nobody reads aloud, which made the message two SMS
    // parts instead of one (issue 21); the number that identifies the case is the acceptance document's, and the
    // applicant's account and receipt carry the id.
    template(
      "application.submitted",
      3,
      "申请已提交",
      "您的“{itemName}”申请已提交，我们将在5个工作日内告知是否受理。",
    ),
    template(
      "application.accepted",
      2,
      "申请已受理",
      "您的“{itemName}”申请已受理，承诺{committedLimitDays}个工作日内办结。",
    ),
    template(
      "application.deemed-accepted",
      2,
      "申请已受理",
      "您的“{itemName}”申请自材料提交之日起视为受理，承诺{committedLimitDays}个工作日内办结。",
    ),
    template(
      "application.correction-requested",
      2,
      "请补齐补正材料",
      "您的“{itemName}”申请需补齐补正材料，请于{deadline}前提交：{items}。",
    ),
    template(
      "application.accepted-with-deficiencies",
      2,
      "申请已容缺受理",
      "您的“{itemName}”申请已容缺受理，请于{cureDeadline}前补正：{materials}。",
    ),
    template(
      "application.supplemented",
      2,
      "已收到补充材料",
      "您的“{itemName}”申请已收到补充材料：{materials}。",
    ),
    template(
      "application.deficiency-cured",
      2,
      "容缺材料已补齐",
      "您的“{itemName}”申请所缺材料已全部补齐，审查继续进行。",
    ),
    template(
      "application.rejected",
      2,
      "申请不予受理",
      "您的“{itemName}”申请不予受理，理由：{reasons}。详见不予受理凭证。",
    ),
    template(
      "review.procedure-started",
      2,
      "需进行特殊程序",
      "您的“{itemName}”申请需进行{procedure}，预计{days}个工作日，所需时间不计入审批期限。",
    ),
    template(
      "review.procedure-completed",
      2,
      "特殊程序已完成",
      "您的“{itemName}”申请的{procedure}已完成，恢复审查。",
    ),
    template(
      "review.extended",
      2,
      "审批期限延长",
      "您的“{itemName}”申请因{reason}，经批准审批期限延长{days}个工作日。",
    ),
    template(
      "review.decided",
      2,
      "已作出决定",
      "您的“{itemName}”申请已作出{decision}决定，请选择结果领取方式。",
    ),
    // Version 3: the SMS says where the result is in words of its own (`{readyBy}`): for a pickup or locker code, the
    // code and where (as the inbox says it); for an electronic result, that it was delivered to the applicant's
    // account on the portal and how long its link works — not the link's path (relative, of no use in an SMS, and 277
    // characters = 5 parts; issue 21). Art. 32's content stays: the result is ready, where, and until when. The inbox
    // and the email keep the whole instructions with the link.
    template(
      "delivery.ready",
      3,
      "结果可领取",
      "您的“{itemName}”办理结果可领取：{instructions}",
      "您的“{itemName}”办理结果{readyBy}",
    ),
    template(
      "delivery.completed",
      2,
      "结果已送达",
      "您的“{itemName}”办理结果已送达（{method}），感谢您的办理，欢迎评价。",
    ),
    template(
      "delivery.code-locked",
      2,
      "取件码已锁定",
      "您的“{itemName}”办理结果的取件码因连续多次输入错误已被锁定。请登录重新选择领取方式获取新的取件码，或携带本人身份证件到窗口领取。",
    ),
    template(
      "delivery.returned",
      2,
      "邮件被退回",
      "您的“{itemName}”办理结果邮件被退回，请重新选择领取方式或核对邮寄地址。",
    ),
    template(
      "clock.warning-raised",
      2,
      "办理进度提醒",
      "您的“{itemName}”申请已超过承诺办结时限，中心正在督办，我们将尽快办结。",
    ),
    template(
      "appointment.calendar-conflict",
      2,
      "预约日期已调整为节假日",
      "您在{centerName}预约的{slot}（办理“{itemName}”）：根据新公布的{year}年节假日安排，该日为{holiday}，中心该时段不办理预约业务。请改约其他时间或取消预约，如有疑问请联系中心。",
    ),
    template(
      "contact.verification-code",
      1,
      "验证码",
      "您的验证码为{code}，{minutes}分钟内有效，用于绑定接收政务服务通知的联系方式。如非本人操作，请忽略。",
    ),
    template(
      "staff.warning",
      3,
      "时限预警",
      "【{level}】{stage}时限预警：申请{applicationId}，办理时限截止{dueAt}（北京时间）。",
    ),
  ].map((t) => [t.key, t]),
);

export class MissingPlaceholderError extends Error {
  override name = "MissingPlaceholderError";
}

/** Fill `{placeholders}`; a missing value is a bug in the caller, never a message with a hole in it. */
export function render(text: string, values: Record<string, string | number | undefined>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === "") throw new MissingPlaceholderError(`No value for {${name}}`);
    return String(value);
  });
}
