import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { durationSeconds, isDuration } from "./duration.js";
import type { ConfigProblem } from "./errors.js";
import type { YamlFile } from "./yaml-file.js";

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** One ajv instance for every input schema: strict, all errors, defaults filled in from the schema. */
const ajv = addFormats(new Ajv({ strict: true, allErrors: true, useDefaults: true }));

/**
 * `durationRange: [min, max]`: a Prometheus duration within bounds (inclusive), because a zero,
 * sub-second or astronomically long duration is accepted by the pattern but not by its consumer.
 */
type KeywordValidator = ((bounds: readonly [string, string], data: unknown) => boolean) & { errors?: Partial<ErrorObject>[] };
const durationRange: KeywordValidator = (bounds, data) => {
  const [min, max] = bounds;
  // A string that is no duration at all is the pattern's error, not this keyword's.
  if (typeof data !== "string" || !isDuration(data)) return true;
  const seconds = durationSeconds(data);
  if (seconds >= durationSeconds(min) && seconds <= durationSeconds(max)) return true;
  durationRange.errors = [{ keyword: "durationRange", message: `must be a duration from ${min} to ${max}`, params: { min, max } }];
  return false;
};
ajv.addKeyword({ keyword: "durationRange", type: "string", schemaType: "array", errors: true, validate: durationRange });

const compiled = new Map<object, ValidateFunction>();

/**
 * Validates (and fills defaults into) `yaml.data` against `schema`, returning one problem per
 * error with file, JSON Pointer, message and the offending value.
 */
export function validateAgainst(schema: object, yaml: YamlFile): ConfigProblem[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(yaml.data)) return [];
  return (validate.errors ?? []).filter(isUseful).map((error) => toProblem(error, yaml));
}

// `not`/`if` wrappers repeat what their inner error already says.
function isUseful(error: ErrorObject): boolean {
  return error.keyword !== "if";
}

function toProblem(error: ErrorObject, yaml: YamlFile): ConfigProblem {
  let path = error.instancePath || "/";
  let message = error.message ?? "is invalid";
  let value: unknown = valueAt(yaml.data, error.instancePath);
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(error.params.additionalProperty);
      path = joinPointer(error.instancePath, key);
      message = "unknown key";
      value = valueAt(yaml.data, path);
      break;
    }
    case "required":
      path = joinPointer(error.instancePath, String(error.params.missingProperty));
      message = "is required";
      value = undefined;
      break;
    case "propertyNames": {
      const name = String(error.params.propertyName);
      path = joinPointer(error.instancePath, name);
      message = "is not an allowed key";
      value = name;
      break;
    }
    case "enum":
      message = `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
      break;
    case "not":
      message = "is not allowed";
      break;
  }
  const location = yaml.locate(path);
  return { file: yaml.file, path, message, value, ...location };
}

function joinPointer(base: string, key: string): string {
  return `${base}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

function valueAt(data: unknown, pointer: string): unknown {
  let current: unknown = data;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
