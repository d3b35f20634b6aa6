import * as z from "zod";

/**
 * Parse this function's environment once, when its module loads. Resource names have no defaults: a missing
 * variable is a deployment error and must stop the function at cold start, not at the first request.
 * The message names the variables, never their values (they may be secrets).
 */
export function parseEnv<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const names = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${names}`);
  }
  return result.data;
}

/** A JSON-valued environment variable, validated by `schema`. */
export const jsonEnv = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema);

/** A positive number with a policy default (DOMAIN.md: policy values are configuration, not literals). */
export const policyNumber = (fallback: number) => z.coerce.number().positive().default(fallback);
