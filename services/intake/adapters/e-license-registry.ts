import { put, transactWrite } from "#shared/aws/dynamo.ts";
import { queryAll } from "#shared/aws/dynamo.ts";
import type { HeldLicense } from "../domain/materials.ts";

/**
 * The e-license lookup port (电子证照, art. 36): which licenses a person (ID number) or organisation (credit code)
 * holds. Behind this port sits the city's e-license platform; here it is a registry in intake's table
 * (`elicense#<holder>` / `<type>`), which the local runtime seeds.
 */
export function eLicenseRegistry(tableName: string) {
  const pk = (holder: string) => `elicense#${holder}`;
  return {
    async held(holder: string): Promise<HeldLicense[]> {
      return (await queryAll(tableName, pk(holder), "")).map((r) => ({
        type: r.type as string,
        number: r.number as string,
      }));
    },
    /** Record licenses a holder holds (seed data, and an import from the platform). */
    async register(holder: string, licenses: HeldLicense[]): Promise<void> {
      await transactWrite(
        licenses.map((l) => put(tableName, { pk: pk(holder), sk: l.type, entity: "eLicense", ...l })),
        () => new Error("unexpected condition"),
      );
    },
  };
}

export type ELicenseRegistry = ReturnType<typeof eLicenseRegistry>;
