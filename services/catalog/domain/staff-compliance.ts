import * as z from "zod";
import type { StaffMember } from "./staff.ts";
import type { ServiceWindow } from "./window.ts";
import {
  findingFactsSchema,
  type ComplianceRule,
  type FindingFacts,
} from "../contract/staff-compliance-values.ts";

export * from "../contract/staff-compliance-values.ts";

const isoDate = z.iso.date();

/**
 * Staff compliance (art. 43–49): the daily check's rules, as pure functions of the roster, the art. 46 filings and
 * the windows, evaluated on one Beijing date. Everything here is about roster data; attendance (who is at the window
 * this morning, who is temporarily away) is not recorded by the catalog, so "working alone" and "uncovered" are read
 * from assignments: a person assigned to a window works there during the center's service hours.
 *
 * Periods are counted in calendar months from the day a period starts, that day included: an internship started on
 * 03-11 is complete on 05-11 (two months, 03-11 to 05-10, have been served), a two-year stationing begun 2024-05-11
 * may end with a move effective 2026-05-11. A start on a day the end month lacks (12-31 + 2) ends on that month's last
 * day (02-28), as 民法典 art. 201 counts months.
 */

/** What each rule enforces (shown with every finding): the article and, in Chinese first, what is wrong. */
export const complianceRules = {
  clerkAloneUnqualified: {
    articles: "49",
    title: "新入职窗口人员未实习期满并考核达标即独立上岗",
  },
  residentMovedEarly: { articles: "43, 46", title: "进驻人员在中心连续工作未满规定年限即调整" },
  keyPostOverdue: { articles: "46", title: "审批重要岗位工作年限较长，应轮岗未轮岗" },
  windowUncovered: { articles: "46", title: "对外服务期间窗口无可独立履职的工作人员" },
} as const satisfies Record<ComplianceRule, { articles: string; title: string }>;

export const FINDING_STATES = ["open", "resolved"] as const;
export type FindingState = (typeof FINDING_STATES)[number];

/** Policy values (DOMAIN.md "Staff"; configuration, never literals). */
export interface CompliancePolicy {
  /** A new clerk's internship under an experienced colleague, in months (art. 49: 2). */
  internshipMonths: number;
  /** Continuous service of resident staff in the center, in months (art. 43: 2 years). */
  residentMinServiceMonths: number;
  /** Years in a key approval post before rotation, in months (art. 46 gives no number; see ports.ts). */
  keyPostRotationMonths: number;
}

/** A stored finding: the facts as first raised, its state and when it changed. */
export const findingSchema = z.intersection(
  findingFactsSchema,
  z.object({
    id: z.string(),
    articles: z.string(),
    title: z.string(),
    state: z.enum(FINDING_STATES),
    raisedOn: isoDate,
    raisedAt: z.iso.datetime({ offset: true }),
    resolvedOn: isoDate.optional(),
    resolvedAt: z.iso.datetime({ offset: true }).optional(),
    version: z.number().int().positive(),
  }),
);
export type Finding = z.output<typeof findingSchema>;

/** Where someone works, as an art. 46 filing records it before and after a change. */
export interface Posting {
  centerId: string;
  departmentId?: string;
  role: string;
  windowId?: string;
  keyPost: boolean;
}

/** An art. 46 filing (`staff.assignment-filed`): the change, when it took effect and the day it was filed. */
export interface Filing {
  previous: Posting;
  next: Posting;
  effectiveOn: string;
  filedOn: string;
}

/** A roster entry with its filings, oldest first (the order they were filed, which is the order they applied). */
export type RosterMember = Pick<
  StaffMember,
  | "id"
  | "role"
  | "centerId"
  | "departmentId"
  | "windowId"
  | "stationedOn"
  | "internship"
  | "examPassedOn"
  | "keyPost"
> & { filings: readonly Filing[] };

export type WindowView = Pick<ServiceWindow, "id" | "centerId" | "code" | "status" | "departmentId">;

/** Resident staff (进驻人员, GLOSSARY): a department's approvers and its chief representative. */
const RESIDENT_ROLES: readonly string[] = ["approver", "chiefRep"];

/** `months` calendar months after a YYYY-MM-DD date; a day the target month lacks becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(Math.min(d, lastDay))}`;
}

/** Someone registered with a future `stationedOn` has not started: they neither break nor cover anything yet. */
const hasStarted = (member: Pick<RosterMember, "stationedOn">, today: string) => member.stationedOn <= today;

/** The day a clerk's internship is complete, when one is on record. */
export function internshipEndsOn(
  member: Pick<RosterMember, "internship">,
  policy: Pick<CompliancePolicy, "internshipMonths">,
): string | undefined {
  return member.internship && addMonths(member.internship.startedOn, policy.internshipMonths);
}

/**
 * Art. 49: a new window clerk works alone only after the internship under an experienced colleague is complete and
 * the pre-post exam is passed (先培训、后实施). The exam is required of every clerk; the internship of those who have
 * one on record — a clerk registered without one joined before the roster kept internships (their exam date is the
 * record that they were qualified). A date recorded for the future does not count yet. Other roles are not window
 * clerks: art. 49 asks training of resident staff but no exam, so they may work alone.
 */
export function mayWorkAlone(
  member: Pick<RosterMember, "role" | "internship" | "examPassedOn">,
  today: string,
  policy: Pick<CompliancePolicy, "internshipMonths">,
): boolean {
  if (member.role !== "clerk") return true;
  const ends = internshipEndsOn(member, policy);
  return member.examPassedOn !== undefined && member.examPassedOn <= today && (!ends || ends <= today);
}

const atWindow = (
  roster: readonly RosterMember[],
  window: Pick<WindowView, "id" | "centerId">,
  today: string,
) => roster.filter((s) => s.centerId === window.centerId && s.windowId === window.id && hasStarted(s, today));

/**
 * Rule 1 (art. 49): a clerk assigned to a window who may not work alone yet, unless the internship's supervising
 * colleague — one who may work alone — is assigned to the same window (the intern sits with the mentor).
 */
export function clerksAloneUnqualified(
  roster: readonly RosterMember[],
  today: string,
  policy: CompliancePolicy,
): FindingFacts[] {
  const byId = new Map(roster.map((s) => [s.id, s]));
  return roster
    .filter(
      (s) => s.role === "clerk" && s.windowId && hasStarted(s, today) && !mayWorkAlone(s, today, policy),
    )
    .filter((s) => {
      const mentor = s.internship && byId.get(s.internship.supervisorId);
      const accompanied =
        mentor !== undefined &&
        mentor.centerId === s.centerId &&
        mentor.windowId === s.windowId &&
        hasStarted(mentor, today) &&
        mayWorkAlone(mentor, today, policy);
      return !accompanied;
    })
    .map((s) => ({
      rule: "clerkAloneUnqualified" as const,
      centerId: s.centerId,
      subject: { kind: "staff" as const, id: s.id },
      details: {
        windowId: s.windowId!,
        internshipEndsOn: internshipEndsOn(s, policy),
        examPassedOn: s.examPassedOn,
        supervisorId: s.internship?.supervisorId,
      },
    }));
}

const isResident = (p: Pick<Posting, "role">) => RESIDENT_ROLES.includes(p.role);
const samePost = (a: Pick<Posting, "centerId" | "departmentId">, b: typeof a) =>
  a.centerId === b.centerId && a.departmentId === b.departmentId;
const postingOf = (m: RosterMember): Posting => ({
  centerId: m.centerId,
  departmentId: m.departmentId,
  role: m.role,
  windowId: m.windowId,
  keyPost: m.keyPost,
});

/**
 * Rule 2 (art. 43, 46): resident staff serve at least two continuous years in the center (原则上), and the department
 * files every change with the administration. In this code base every change of center, department or role *is* a
 * filing (`POST /v1/staff/{id}/assignments` is the only way to make one), so "moved without a filing" cannot be
 * recorded; what the data does show is a move away from a resident post — out of the center, to another department,
 * or out of the resident roles — that took effect before the minimum service was complete. The filing carries only a
 * free-text reason, which cannot tell an art. 46 ¶2 replacement of someone unfit for the post (the exception the
 * regulation names) from an ordinary early rotation, so every early move is raised for the administration to review,
 * with `filedLate` when the move took effect before it was filed (for those days it was in fact unfiled).
 *
 * The post's start is `stationedOn`, or the effective date of the filing that brought the person to it. The finding
 * belongs to the center left and holds while the minimum period would still run; it is resolved when that period is
 * over or the person is back in the post (the move was undone). Only the latest departure from each center counts.
 */
export function residentsMovedEarly(
  roster: readonly RosterMember[],
  today: string,
  policy: CompliancePolicy,
): FindingFacts[] {
  const findings: FindingFacts[] = [];
  for (const member of roster) {
    let postStartedOn = member.stationedOn;
    const departures = new Map<string, { filing: Filing; postStartedOn: string }>();
    for (const filing of member.filings) {
      const { previous, next } = filing;
      const left = isResident(previous) && (!isResident(next) || !samePost(previous, next));
      if (left) departures.set(previous.centerId, { filing, postStartedOn });
      if (isResident(next) && (left || !isResident(previous))) postStartedOn = filing.effectiveOn;
    }
    const now = postingOf(member);
    for (const { filing, postStartedOn: startedOn } of departures.values()) {
      const minimumServiceEndsOn = addMonths(startedOn, policy.residentMinServiceMonths);
      const early = filing.effectiveOn < minimumServiceEndsOn;
      const back = isResident(now) && samePost(now, filing.previous);
      if (!early || back || today >= minimumServiceEndsOn) continue;
      findings.push({
        rule: "residentMovedEarly",
        centerId: filing.previous.centerId,
        subject: { kind: "staff", id: member.id },
        details: {
          departmentId: filing.previous.departmentId,
          postStartedOn: startedOn,
          leftOn: filing.effectiveOn,
          minimumServiceEndsOn,
          filedOn: filing.filedOn,
          filedLate: filing.filedOn > filing.effectiveOn,
          toCenterId: filing.next.centerId,
          toRole: filing.next.role,
        },
      });
    }
  }
  return findings;
}

/**
 * Rule 3 (art. 46: 在审批重要岗位工作年限较长的，原则上应进行轮岗): a key post held for the rotation period or longer.
 * The post is held since `stationedOn` (key from registration) or since the filing that made it key, or that moved the
 * person to another center or department while keeping a key post — that move is itself a rotation.
 */
export function keyPostsOverdue(
  roster: readonly RosterMember[],
  today: string,
  policy: CompliancePolicy,
): FindingFacts[] {
  const findings: FindingFacts[] = [];
  for (const member of roster) {
    if (!member.keyPost) continue;
    let heldSince: string | undefined =
      (member.filings[0]?.previous.keyPost ?? member.keyPost) ? member.stationedOn : undefined;
    for (const { previous, next, effectiveOn } of member.filings) {
      if (!next.keyPost) heldSince = undefined;
      else if (!previous.keyPost || !samePost(previous, next)) heldSince = effectiveOn;
    }
    if (!heldSince) continue;
    const rotationDueOn = addMonths(heldSince, policy.keyPostRotationMonths);
    if (today < rotationDueOn) continue;
    findings.push({
      rule: "keyPostOverdue",
      centerId: member.centerId,
      subject: { kind: "staff", id: member.id },
      details: { departmentId: member.departmentId, heldSince, rotationDueOn },
    });
  }
  return findings;
}

/**
 * Rule 4 (art. 46: 对外服务期间…保证服务工作不间断): an open window nobody is assigned to, or whose only staff may not
 * work alone. Every center serves on every working day (art. 10), so a window the roster leaves uncovered is
 * uncovered during service hours; a closed window needs nobody.
 */
export function uncoveredWindows(
  windows: readonly WindowView[],
  roster: readonly RosterMember[],
  today: string,
  policy: CompliancePolicy,
): FindingFacts[] {
  return windows
    .filter((w) => w.status === "open")
    .flatMap((w) => {
      const assigned = atWindow(roster, w, today);
      if (assigned.some((s) => mayWorkAlone(s, today, policy))) return [];
      return [
        {
          rule: "windowUncovered" as const,
          centerId: w.centerId,
          subject: { kind: "window" as const, id: w.id },
          details: { windowCode: w.code, departmentId: w.departmentId, assigned: assigned.length },
        },
      ];
    });
}

/** Every rule over the whole roster and every window, as of `today` (a Beijing date). */
export function complianceFindings(
  input: { today: string; roster: readonly RosterMember[]; windows: readonly WindowView[] },
  policy: CompliancePolicy,
): FindingFacts[] {
  const { today, roster, windows } = input;
  return [
    ...clerksAloneUnqualified(roster, today, policy),
    ...residentsMovedEarly(roster, today, policy),
    ...keyPostsOverdue(roster, today, policy),
    ...uncoveredWindows(windows, roster, today, policy),
  ];
}

/** A finding's identity within its center: one per rule and subject. */
export const findingKey = (f: Pick<FindingFacts, "rule" | "subject">) => `${f.rule}#${f.subject.id}`;

/**
 * What a run changes in one center: findings that hold and are not open are raised (new, or a resolved one reopened),
 * open ones that no longer hold are resolved, and an open one that still holds is left as it is — so a second run on
 * the same data changes nothing.
 */
export function reconcile(
  holding: readonly FindingFacts[],
  stored: readonly Finding[],
): { raise: { facts: FindingFacts; previous?: Finding }[]; resolve: Finding[] } {
  const byKey = new Map(stored.map((f) => [findingKey(f), f]));
  const holds = new Map(holding.map((f) => [findingKey(f), f]));
  return {
    raise: [...holds.entries()]
      .filter(([key]) => byKey.get(key)?.state !== "open")
      .map(([key, facts]) => ({ facts, previous: byKey.get(key) })),
    resolve: stored.filter((f) => f.state === "open" && !holds.has(findingKey(f))),
  };
}
