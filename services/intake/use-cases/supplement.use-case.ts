import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { InvalidTransitionError, ValidationError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import { holderOf } from "../domain/applicant.ts";
import { nextState, type Application, type CorrectionItem } from "../domain/application.ts";
import { assembleMaterials, type SubmittedMaterial } from "../domain/materials.ts";
import { applicationSupplemented, deficiencyCured } from "../contract/events.ts";
import { attachTo, electronicFiles, fileRefs } from "./electronic-files.ts";
import { visibleApplication } from "./load.ts";

type Ports = Pick<IntakePorts, "applications" | "eLicenses" | "files" | "storage" | "clock" | "ids">;

/** The new materials laid over what the application had (by name; against the guide it snapshotted). */
function merge(
  application: Application,
  supplied: SubmittedMaterial[],
  licenses: { type: string; number: string }[],
  files: Parameters<typeof fileRefs>[0],
) {
  const fresh = assembleMaterials(
    application.guide.guide,
    supplied,
    licenses,
    ["materials"],
    fileRefs(files),
  );
  const named = new Set(supplied.map((m) => m.name));
  return application.materials.map((m) => {
    const update = fresh.find((f) => f.name === m.name)!;
    return named.has(m.name) || (m.status === "missing" && update.status === "eLicense") ? update : m;
  });
}

/**
 * Art. 27(二): the correction notice told the applicant, once and in writing, everything to correct — so a supplement
 * brings what it names and nothing else (a case is not rebuilt through its correction). A notice citing only
 * checkpoints names no material: then any material of the guide may answer it.
 */
function onlyAskedFor(supplied: SubmittedMaterial[], items: readonly CorrectionItem[]): void {
  const asked = new Set(items.flatMap((item) => (item.material ? [item.material] : [])));
  if (asked.size === 0) return;
  const outside = supplied.flatMap((m, i) =>
    asked.has(m.name)
      ? []
      : [{ path: ["materials", i, "name"], message: "not asked for by the correction notice" }],
  );
  if (outside.length) throw new ValidationError(outside);
}

/**
 * Supplements (art. 27(二)(三)), from the applicant (their own case) or a clerk of the center:
 * - after a correction notice, the materials return the case to acceptance — they arrive now, and the acceptance
 *   window starts again;
 * - after a tolerant acceptance, they cure deficiencies; once every one is cured the case is an ordinary accepted one.
 */
export async function supplement(
  applicationId: string,
  supplied: SubmittedMaterial[],
  caller: Caller,
  ports: Ports,
): Promise<Application> {
  const application = await visibleApplication(applicationId, caller.principal, ports);
  const now = ports.clock.now().toISOString();
  const [licenses, files] = await Promise.all([
    ports.eLicenses.held(holderOf(application.applicant)),
    electronicFiles(supplied, caller, ["materials"], ports),
  ]);
  const materials = merge(application, supplied, licenses, files);
  // Files are attached with the supplement, tagged first: the lifecycle rule never takes an attached file
  const attached = attachTo(files, applicationId, supplied, now);
  const save = async (next: Application, event: Parameters<Ports["applications"]["update"]>[1]) => {
    await Promise.all(attached.map((f) => ports.storage.markAttached(f)));
    await ports.applications.update(next, event, ports.files.attachItems(attached));
  };
  const ref = {
    applicationId,
    centerId: application.centerId,
    itemId: application.itemId,
    departmentId: application.departmentId,
    ownerId: application.ownerId,
  };
  const context = causedBy(caller, "intake", applicationId);
  const base = { ...application, materials, version: application.version + 1, updatedAt: now };

  if (application.state === "awaitingCorrection") {
    onlyAskedFor(supplied, application.correction?.items ?? []);
    const next: Application = {
      ...base,
      state: nextState(application.state, "supplement"),
      materialsArrivedAt: now,
    };
    const event = newEvent(
      applicationSupplemented,
      { ...ref, materials: supplied.map((m) => m.name), materialsArrivedAt: now, state: next.state },
      context,
      ports,
    );
    await save(next, event);
    return next;
  }
  if (application.state === "acceptedWithDeficiencies") {
    const deficient = new Set(application.deficiencies!.materials);
    const outside = supplied.flatMap((m, i) =>
      deficient.has(m.name)
        ? []
        : [{ path: ["materials", i, "name"], message: "not among the deficiencies to cure" }],
    );
    if (outside.length) throw new ValidationError(outside);
    const left = application.deficiencies!.materials.filter(
      (name) => materials.find((m) => m.name === name)?.status === "missing",
    );
    if (left.length === 0) {
      const next: Application = {
        ...base,
        state: nextState(application.state, "cureDeficiencies"),
        deficiencies: { ...application.deficiencies!, curedAt: now },
      };
      await save(
        next,
        newEvent(
          deficiencyCured,
          { ...ref, curedAt: now, materials: application.deficiencies!.materials },
          context,
          ports,
        ),
      );
      return next;
    }
    const next: Application = { ...base };
    const event = newEvent(
      applicationSupplemented,
      {
        ...ref,
        materials: supplied.map((m) => m.name),
        materialsArrivedAt: application.materialsArrivedAt,
        state: next.state,
      },
      context,
      ports,
    );
    await save(next, event);
    return next;
  }
  throw new InvalidTransitionError(
    application.state,
    "supplement",
    "Supplements answer a correction notice or a tolerant acceptance.",
  );
}
