import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
import { isConditionFailure, put, transactWrite } from "#shared/aws/dynamo.ts";
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
    /**
     * A license issued here, registered unless the holder's license of that type has this number already: false when
     * it had (a redelivered event; issue 21, the consumer keeps no record of it). A renewal replaces the old number.
     */
    async registerIssued(holder: string, license: HeldLicense): Promise<boolean> {
      try {
        await dynamo().send(
          new PutCommand({
            TableName: tableName,
            Item: { pk: pk(holder), sk: license.type, entity: "eLicense", ...license },
            ConditionExpression: "attribute_not_exists(pk) OR #number <> :number",
            ExpressionAttributeNames: { "#number": "number" },
            ExpressionAttributeValues: { ":number": license.number },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
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
