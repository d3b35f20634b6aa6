/** The regulation's Chinese terms for what the API names in English (../shared/GLOSSARY.md). */
const ROLES: Record<string, string> = {
  applicant: "申请人",
  clerk: "窗口工作人员",
  approver: "审批人员",
  chiefRep: "首席代表",
  admin: "中心管理人员",
  supervisor: "监督人员",
};

export const roleName = (role: string) => ROLES[role] ?? role;
