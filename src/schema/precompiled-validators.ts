import type { ValidateFunction } from "ajv";
import { createHash } from "node:crypto";

/**
 * Validators generated ahead of time (`npm run validators`, src/generate/validators.ts): each
 * generated module exports a schema's validator under its `$id` and the digest of the schema it
 * was generated from under this prefix + `$id`. Compiling the schemas at start-up cost a one-shot
 * command 70-170 ms and the exporter 14 MB.
 */
export const PRECOMPILED_DIGEST_PREFIX = "digest:";

/** Identifies a schema's exact content. */
export function schemaDigest(schema: object): string {
  return createHash("sha256").update(JSON.stringify(schema)).digest("hex");
}

/** The generated validator for `schema`, if `module` holds one generated from its exact content; a schema edited since must be compiled. */
export function precompiledValidator(module: unknown, schema: object): ValidateFunction | undefined {
  const exports = module as Readonly<Record<string, unknown>>;
  const id = (schema as { $id?: unknown }).$id;
  if (typeof id !== "string" || exports[PRECOMPILED_DIGEST_PREFIX + id] !== schemaDigest(schema)) return undefined;
  return exports[id] as ValidateFunction;
}
