/**
 * Names shared by the two runtimes (infra/aws and infra/local) and the handlers that read them. A handler parses
 * these variables with zod at load; the infrastructure sets them from the manifest. Defined once, here.
 */
export const SERVICE_NAMES = ["catalog", "intake", "review", "delivery", "complaints", "monitoring"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * Where a service's code lives under services/, when not in a folder of its own name: complaints and monitoring are
 * independent services kept side by side under services/supervision/monitoring/ (issue 22).
 */
const NESTED: Partial<Record<ServiceName, string>> = {
  complaints: "supervision/complaints",
  monitoring: "supervision/monitoring",
};

/** A service's folder under services/: `supervision/complaints`, `intake`. */
export const serviceFolder = (service: ServiceName) => NESTED[service] ?? service;

/** Environment variable holding a service's table name: `CATALOG_TABLE`. */
export const tableEnv = <S extends ServiceName>(service: S) =>
  `${service.toUpperCase()}_TABLE` as `${Uppercase<S>}_TABLE`;

/** Environment variable holding the URL of a service's own queue: `COMPLAINTS_CALLBACKS_QUEUE_URL`. */
export const queueUrlEnv = (service: ServiceName, queue: string) =>
  `${service.toUpperCase()}_${kebabToSnake(queue).toUpperCase()}_QUEUE_URL`;

/** A queue's id across the system, used in subscriptions: `intake-events`. */
export const queueId = (service: ServiceName, queue: string) => `${service}-${queue}`;

/** A signing key's id across the system: `review-seal`. */
export const signingKeyId = (service: ServiceName, key: string) => `${service}-${key}`;

/** KMS alias of a service's signing key in AWS: `alias/govservice/review-seal`. */
export const signingKeyAlias = (service: ServiceName, key: string) =>
  `alias/govservice/${signingKeyId(service, key)}`;

/**
 * Environment variables of a service's signing key. Each runtime sets its own, never the other's:
 * - AWS: `REVIEW_SEAL_KMS_KEY_ID`, the ARN of the service's asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY).
 * - Local: `REVIEW_SEAL_PRIVATE_KEY` and `REVIEW_SEAL_PUBLIC_KEY`, an Ed25519 key pair as base64 of its PEM
 *   (PKCS#8 and SPKI), so a multi-line PEM fits one variable. With only the public key, the port can verify, not sign.
 */
export const signingKeyEnv = (service: ServiceName, key: string) => {
  const prefix = `${service.toUpperCase()}_${kebabToSnake(key).toUpperCase()}`;
  return {
    kmsKeyId: `${prefix}_KMS_KEY_ID`,
    privateKey: `${prefix}_PRIVATE_KEY`,
    publicKey: `${prefix}_PUBLIC_KEY`,
  } as const;
};

/**
 * Environment variable holding the name of a service's bucket: `INTAKE_MATERIALS_BUCKET`. Typed as that literal, so a
 * handler's zod schema keyed by it (`[bucketEnv("intake", "materials")]: z.string()`) parses to a named field.
 */
export const bucketEnv = <S extends ServiceName, B extends string>(service: S, bucket: B) =>
  `${service.toUpperCase()}_${kebabToSnake(bucket).toUpperCase()}_BUCKET` as `${Uppercase<S>}_${Uppercase<Snake<B>>}_BUCKET`;

/** A bucket's id across the system: `intake-materials`. */
export const bucketId = (service: ServiceName, bucket: string) => `${service}-${bucket}`;

/** A function's logical name: `catalog-publish-guide`. */
export const functionId = (owner: string, handler: string) => `${owner}-${handler}`;

type Snake<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}_${Snake<Tail>}` : S;

function kebabToSnake(s: string) {
  return s.replace(/-/g, "_");
}
