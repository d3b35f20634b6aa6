import { causedBy, type Caller } from "#shared/auth/caller.ts";
import type { TransactItem } from "#shared/aws/dynamo.ts";
import { assertCenterScope } from "#shared/auth/principal.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import { ConflictError, RuleViolationError, ValidationError } from "#shared/errors.ts";
import { newEvent, type Envelope } from "#shared/events/envelope.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import { holderOf, type Applicant } from "../domain/applicant.ts";
import { assertMayApplyAs, assertWindowAuthorisation, type Authorisation } from "../domain/authorisation.ts";
import {
  decisionLimits,
  JOINT_HANDLING_DAYS,
  type Application,
  type JointHandling,
} from "../domain/application.ts";
import type { GuideSnapshot } from "../domain/guide-snapshot.ts";
import { assembleMaterials, missingRequired, type SubmittedMaterial } from "../domain/materials.ts";
import type { MaterialFile } from "../domain/files.ts";
import { attachTo, electronicFiles, fileRefs } from "./electronic-files.ts";
import type { NotificationPreferences } from "../domain/contact.ts";
import { applicationSubmitted, bundleSubmitted, contactProvided } from "../contract/events.ts";

type Ports = Pick<
  IntakePorts,
  "reference" | "applications" | "eLicenses" | "authorisations" | "files" | "storage" | "clock" | "ids"
>;

/**
 * The request's idempotency record with its answer, for what the use case creates (shared/http/idempotency.ts): written
 * in the same transaction, so the answer is remembered exactly when the applications exist.
 */
type Remember<T> = { remember?: (result: T) => TransactItem[] };

export interface Submission {
  centerId: string;
  channel: "online" | "window";
  applicant: Applicant;
  /** When a clerk submits for an applicant who has an account: whose application it is. */
  applicantUserId?: string;
  assistedHandling?: { kind: "help" | "proxy"; staffId?: string };
  crossRegion?: { homeCenterId: string; remoteWindowId?: string };
  /** How to tell the applicant about the case (art. 31). */
  notifications?: NotificationPreferences;
  /** Applying for someone else (代办) under an authorisation recorded at a window. */
  actingFor?: { authorisationId: string };
}

export interface ItemRequest {
  itemId: string;
  materials: SubmittedMaterial[];
}

/**
 * Online or at a window, the applicant's choice (art. 25): an applicant submits online as the identity their account
 * is verified for, an organisation they are verified to act for, or a grantor whose authorisation names them (代办,
 * issue 15); a clerk submits at a window of their own center, for anyone whose ID they saw — never requiring an online
 * pre-submission. This runs before anything is read about the applicant, e-licenses above all (art. 36).
 */
async function whoApplies(submission: Submission, itemIds: string[], caller: Caller, ports: Ports) {
  const p = caller.principal;
  const today = businessDate(ports.clock.now());
  const authorisationId = submission.actingFor?.authorisationId;
  const authorisation = authorisationId ? await ports.authorisations.get(authorisationId) : undefined;
  if (authorisationId && !authorisation)
    throw new ValidationError([{ path: ["actingFor", "authorisationId"], message: "no such authorisation" }]);
  if (p.role === "applicant") {
    if (submission.channel !== "online")
      throw new ValidationError([
        { path: ["channel"], message: "applicants submit online; at a window, the clerk submits" },
      ]);
    assertMayApplyAs(p, submission.applicant, itemIds, authorisation, today);
    return { ownerId: p.sub, actingFor: authorisation && actingFor(authorisation) };
  }
  assertCenterScope(p, submission.centerId);
  if (submission.channel !== "window")
    throw new ValidationError([{ path: ["channel"], message: "staff submit at a window" }]);
  if (authorisation) assertWindowAuthorisation(submission.applicant, itemIds, authorisation, today);
  return { ownerId: submission.applicantUserId, actingFor: authorisation && actingFor(authorisation) };
}

/** What the application keeps of the authorisation it was made under: which, and the agent's name. */
const actingFor = (a: Authorisation) => ({ authorisationId: a.id, agentName: a.agent.name });

/**
 * Where the item may be applied for: resident in this center, or — cross-region (区域通办, art. 38) — resident in
 * the home center named, when its guide allows applying elsewhere. Never for an item on this center's negative list.
 */
async function checkWhere(
  itemId: string,
  submission: Submission,
  guide: GuideSnapshot,
  status: Awaited<ReturnType<Ports["reference"]["forSubmission"]>>["status"],
  path: (string | number)[],
  ports: Ports,
) {
  if (status?.status.status === "excluded") {
    throw new RuleViolationError(
      "excluded-item",
      "This item is on the center's negative list and is not handled here (art. 18).",
      [{ path, message: "excluded in this center" }],
    );
  }
  if (submission.crossRegion) {
    if (guide.guide.crossRegion === "none") {
      throw new RuleViolationError("cross-region", "This item cannot be applied for outside its region.", [
        { path: ["crossRegion"], message: "the guide allows none" },
      ]);
    }
    const home = await ports.reference.itemStatus(submission.crossRegion.homeCenterId, itemId);
    if (home?.status.status !== "resident") {
      throw new ValidationError([
        { path: ["crossRegion", "homeCenterId"], message: "the item is not handled in that center" },
      ]);
    }
    const windowId = submission.crossRegion.remoteWindowId;
    if (windowId && (await ports.reference.window(submission.centerId, windowId))?.type !== "crossRegion") {
      throw new ValidationError([
        { path: ["crossRegion", "remoteWindowId"], message: "not a cross-region window of this center" },
      ]);
    }
    return;
  }
  if (status?.status.status !== "resident") {
    throw new RuleViolationError(
      "not-handled-here",
      "This item is not handled in this center: apply where it is, or cross-region.",
      [{ path, message: "not handled in this center" }],
    );
  }
}

async function build(
  request: ItemRequest,
  submission: Submission,
  caller: Caller,
  { ownerId, actingFor }: Awaited<ReturnType<typeof whoApplies>>,
  bundle: { bundleId: string; jointHandling?: JointHandling } | undefined,
  path: (string | number)[],
  ports: Ports,
): Promise<{ application: Application; events: Envelope[]; files: MaterialFile[] }> {
  const bundleId = bundle?.bundleId;
  // Independent reads in one round trip: the center, guide and item status in one batch (reference-store.ts says why
  // they may be eventually consistent), the e-licenses held (a query of the registry, eventually consistent too: a
  // license issued a moment ago and not yet seen leaves its material asked for on paper, which the clerk can waive —
  // never one taken as held that is not), and the electronic materials named. The checks below still run in their
  // order: an unknown center is the answer before anything about the item or the files.
  const [reference, held, named] = await Promise.allSettled([
    ports.reference.forSubmission(submission.centerId, request.itemId),
    ports.eLicenses.held(holderOf(submission.applicant)),
    electronicFiles(request.materials, caller, [...path, "materials"], ports),
  ]);
  const { center, guide, status } = settled(reference);
  if (!center) throw new ValidationError([{ path: ["centerId"], message: "no such center" }]);
  const [licenses, files] = [settled(held), settled(named)];
  if (!guide)
    throw new ValidationError([
      { path: [...path, "itemId"], message: "no such item, or no published guide" },
    ]);
  await checkWhere(request.itemId, submission, guide, status, [...path, "itemId"], ports);
  const materials = assembleMaterials(
    guide.guide,
    request.materials,
    licenses,
    [...path, "materials"],
    fileRefs(files),
  );
  const now = ports.clock.now().toISOString();
  const application: Application = {
    id: ports.ids.next("app"),
    centerId: submission.centerId,
    itemId: request.itemId,
    itemName: guide.name,
    departmentId: guide.departmentId,
    channel: submission.channel,
    applicant: submission.applicant,
    ownerId,
    submittedBy: { id: caller.principal.sub, role: caller.principal.role },
    // Art. 19: at the window, the clerk who takes the application in is its first-contact owner.
    ...(caller.principal.role === "applicant"
      ? {}
      : { firstContact: { ownerId: caller.principal.sub, at: now } }),
    guide,
    materials,
    assistedHandling: submission.assistedHandling,
    actingFor,
    crossRegion: submission.crossRegion,
    bundleId,
    ...(bundle?.jointHandling ? { jointHandling: bundle.jointHandling } : {}),
    state: "submitted",
    submittedAt: now,
    materialsArrivedAt: now,
    documents: [],
    version: 1,
    updatedAt: now,
  };
  const event = newEvent(
    applicationSubmitted,
    {
      applicationId: application.id,
      centerId: application.centerId,
      itemId: application.itemId,
      departmentId: application.departmentId,
      channel: application.channel,
      applicantKind: application.applicant.kind,
      ownerId,
      bundleId,
      crossRegion: submission.crossRegion,
      assistedHandling: submission.assistedHandling !== undefined,
      guideVersion: guide.version,
      ...decisionLimits(application),
      materialsArrivedAt: now,
      missingRequired: missingRequired(materials),
    },
    causedBy(caller, "intake", application.id),
    ports,
  );
  const contact = contactFor(submission, ownerId);
  const provided = newEvent(
    contactProvided,
    {
      applicationId: application.id,
      centerId: application.centerId,
      ownerId,
      applicantName: submission.applicant.name,
      holder: holderOf(submission.applicant),
      ...contact,
      recordedBy: caller.principal.role === "applicant" ? "applicant" : "clerk",
    },
    causedBy(caller, "intake", application.id),
    ports,
  );
  return {
    application,
    events: [event, provided],
    files: attachTo(files, application.id, request.materials, now),
  };
}

/**
 * The channels the applicant chose, with the details they need: SMS and calls need a mobile (given, or the applicant's
 * own), email an address. By default: the in-app inbox for an account holder, and SMS when there is a mobile.
 */
function contactFor(submission: Submission, ownerId: string | undefined) {
  const a = submission.applicant;
  const phone = submission.notifications?.phone ?? (a.kind === "person" ? a.phone : a.contact.phone);
  const email = submission.notifications?.email;
  const channels =
    submission.notifications?.channels ??
    ([...(ownerId ? ["inbox"] : []), ...(phone ? ["sms"] : [])] as NotificationPreferences["channels"]);
  const issues = [
    ...(channels.length === 0
      ? [
          {
            path: ["notifications"],
            message: "give a mobile or an email: the applicant must be told about the case (art. 31)",
          },
        ]
      : []),
    ...((channels.includes("sms") || channels.includes("call")) && !phone
      ? [{ path: ["notifications", "phone"], message: "SMS and calls need a mobile number" }]
      : []),
    ...(channels.includes("email") && !email
      ? [{ path: ["notifications", "email"], message: "email needs an address" }]
      : []),
    ...(channels.includes("inbox") && !ownerId
      ? [{ path: ["notifications", "channels"], message: "the inbox needs an applicant account" }]
      : []),
  ];
  if (issues.length) throw new ValidationError(issues);
  return { channels, phone, email };
}

const settled = <T>(result: PromiseSettledResult<T>): T => {
  if (result.status === "rejected") throw result.reason;
  return result.value;
};

async function checkCenter(centerId: string, ports: Ports) {
  if (!(await ports.reference.center(centerId)))
    throw new ValidationError([{ path: ["centerId"], message: "no such center" }]);
}

/**
 * Submit an application (art. 25, 36, 37, 38).
 * 1. The guide in force is snapshotted; the item must be handled here (or cross-region).
 * 2. Materials are laid against the guide; e-licenses the applicant holds replace paper (art. 36).
 * 3. The application and `application.submitted` are saved together; the materials' arrival starts the acceptance
 *    window (supervision's clock).
 */
export async function submitApplication(
  input: Submission & ItemRequest,
  caller: Caller,
  ports: Ports & Remember<Application>,
): Promise<Application> {
  const who = await whoApplies(input, [input.itemId], caller, ports);
  const { application, events, files } = await build(input, input, caller, who, undefined, [], ports);
  const [created] = await createOnce([application], events, files, ports, ports.remember?.(application));
  return created!;
}

/**
 * Save new applications with their events. A request with an Idempotency-Key makes its ids from the key: if they
 * exist already, this is a retry whose first attempt committed (its answer lost in an outage) — the first result is
 * the answer, nothing is created twice (issue 15).
 */
async function createOnce(
  applications: Application[],
  events: Envelope[],
  files: MaterialFile[],
  ports: Ports,
  remembered: TransactItem[] = [],
) {
  // Tagged as attached before the application is saved: a failure after it leaves a file kept too long, never an
  // attached file deleted by the lifecycle rule.
  await Promise.all(files.map((f) => ports.storage.markAttached(f)));
  try {
    await ports.applications.create(applications, events, [...ports.files.attachItems(files), ...remembered]);
    return applications;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const first = await Promise.all(applications.map((a) => ports.applications.get(a.id)));
    if (first.some((a) => a === undefined)) throw error;
    return first as Application[];
  }
}

/**
 * Joint handling of the bundle (行政许可法 art. 26, 42 para. 2), declared by the center's clerk on the government's
 * decision (an applicant cannot declare it): one 45-working-day period for the whole, committed to the longest of the
 * items' committed limits, at most 45.
 */
async function jointHandlingOf(
  bundleId: string,
  basis: string,
  items: ItemRequest[],
  caller: Caller,
  ports: Ports,
): Promise<JointHandling> {
  if (caller.principal.role === "applicant")
    throw new RuleViolationError(
      "joint-handling",
      "Joint handling is declared by the center on the government's decision, not by the applicant (行政许可法 art. 26).",
      [{ path: ["jointHandling"], message: "declared by the center's clerk" }],
    );
  const guides = await Promise.all(items.map((i) => ports.reference.currentGuide(i.itemId)));
  const longest = Math.max(...guides.map((g) => g?.guide.committedLimitDays ?? 0));
  return { bundleId, basis, committedLimitDays: Math.min(Math.max(longest, 1), JOINT_HANDLING_DAYS) };
}

export interface SubmittedBundle {
  bundleId: string;
  applications: Application[];
}

/**
 * One-thing bundles (高效办成一件事, art. 34): several items in one submission and one acceptance visit — linked
 * cases, saved together or not at all; handled jointly where the government decided so.
 */
export async function submitBundle(
  input: Submission & { items: ItemRequest[]; jointHandling?: { basis: string } },
  caller: Caller,
  ports: Ports & Remember<SubmittedBundle>,
): Promise<SubmittedBundle> {
  const who = await whoApplies(
    input,
    input.items.map((i) => i.itemId),
    caller,
    ports,
  );
  await checkCenter(input.centerId, ports);
  const seen = new Set<string>();
  input.items.forEach((item, i) => {
    if (seen.has(item.itemId))
      throw new ValidationError([{ path: ["items", i, "itemId"], message: "listed twice" }]);
    seen.add(item.itemId);
  });
  const bundleId = ports.ids.next("bnd");
  const jointHandling = input.jointHandling
    ? await jointHandlingOf(bundleId, input.jointHandling.basis, input.items, caller, ports)
    : undefined;
  const built = [];
  for (const [i, item] of input.items.entries())
    built.push(await build(item, input, caller, who, { bundleId, jointHandling }, ["items", i], ports));
  const applications = built.map((b) => b.application);
  const bundle = newEvent(
    bundleSubmitted,
    { bundleId, centerId: input.centerId, applicationIds: applications.map((a) => a.id) },
    { ...causedBy(caller, "intake", bundleId) },
    ports,
  );
  const created = await createOnce(
    applications,
    [...built.flatMap((b) => b.events), bundle],
    built.flatMap((b) => b.files),
    ports,
    ports.remember?.({ bundleId, applications }),
  );
  return { bundleId, applications: created };
}
