import type { Caller } from "#shared/auth/caller.ts";
import { clock } from "#shared/clock.ts";
import { ulidIds, type Ids } from "#shared/ids.ts";
import { tableEnv } from "#shared/manifest/naming.ts";
import { centerInputSchema } from "#services/catalog/domain/center.ts";
import type { CenterRecord, Row } from "./records.ts";

export type InstallOutcome =
  { action: "installed"; id: string; name: string } | { action: "present"; id: string; name: string };

export class InstallError extends Error {
  override name = "InstallError";
}

/**
 * The city center of a deployment (art. 4: the root of the centers' tree, set up with the system). The API never
 * registers it — a center without a parent would otherwise be anyone's to create — so installing writes it the way
 * `npm start`'s seed does, through the catalog's own use case (`registerCenter` with `bootstrap`: the same checks, the
 * same `center.registered` event for the other services), into the deployment's catalog table with the operator's AWS
 * credentials (`dynamodb:PutItem`, `Query` on the table; no function or route is involved). Idempotent: a city center
 * already there is reported with its id and nothing is written; a different one refuses, since a tree has one root.
 *
 * The catalog's adapters read their table's name from the environment when they load, so `CATALOG_TABLE` is set
 * before they are imported; the endpoint (DynamoDB Local in tests) comes from the SDK's AWS_ENDPOINT_URL_DYNAMODB.
 */
export async function installCityCenter(
  rows: readonly Row[],
  options: { table: string; env?: NodeJS.ProcessEnv },
): Promise<InstallOutcome> {
  const roots = rows.filter(
    (r): r is Row<CenterRecord> =>
      r.record.record === "center" && !r.record.parent && !r.record.comprehensiveCenter,
  );
  if (roots.length !== 1)
    throw new InstallError(
      roots.length
        ? `the file has ${roots.length} centers without a parent (lines ${roots.map((r) => r.line).join(", ")}); the city center is the one root`
        : "the file has no center without a parent: the city center is its first center record",
    );
  const { line, record } = roots[0]!;
  const { record: _kind, parent: _p, comprehensiveCenter: _c, ...body } = record;
  const input = centerInputSchema.safeParse(body);
  if (!input.success) {
    const issue = input.error.issues[0]!;
    throw new InstallError(`line ${line}, ${issue.path.join(".")}: ${issue.message}`);
  }
  if (input.data.level !== "city")
    throw new InstallError(`line ${line}, level: the root center is the city's`);

  const env = options.env ?? process.env;
  env[tableEnv("catalog")] = options.table;
  const [{ catalogPorts }, { registerCenter }] = await Promise.all([
    import("#services/catalog/adapters/ports.ts"),
    import("#services/catalog/use-cases/register-center.use-case.ts"),
  ]);
  const { items: cities } = await catalogPorts.centers.list({ level: "city" }, { limit: 10 });
  const present = cities[0];
  if (present) {
    if (present.name !== input.data.name)
      throw new InstallError(
        `the deployment's city center is ${present.name} (${present.id}), not ${input.data.name}`,
      );
    return { action: "present", id: present.id, name: present.name };
  }
  // The id the center gets is the installer's scope too: an administration of the center it creates.
  const fresh = ulidIds(clock);
  const id = fresh.next("ctr");
  const ids: Ids = { next: (prefix) => (prefix === "ctr" ? id : fresh.next(prefix)) };
  const caller: Caller = {
    principal: { sub: "system:install", role: "admin", centerId: id },
    correlationId: `install-${id}`,
  };
  const center = await registerCenter(input.data, caller, { ...catalogPorts, ids }, { bootstrap: true });
  return { action: "installed", id: center.id, name: center.name };
}
