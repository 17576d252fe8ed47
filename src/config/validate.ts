import { _, Ajv, str, type CodeKeywordDefinition, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { usePattern } from "ajv/dist/vocabularies/code.js";
import { DURATION, durationSeconds, UNIT_SECONDS } from "./duration.js";
import type { ConfigProblem } from "./errors.js";
import precompiledModule from "./generated/validators.cjs";
import { precompiledValidator } from "../schema/precompiled-validators.js";
import type { YamlFile } from "./yaml-file.js";

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * `durationRange: [min, max]`: a Prometheus duration within bounds (inclusive), because a zero,
 * sub-second or astronomically long duration is accepted by the pattern but not by its consumer.
 * A string that is no duration at all is the pattern's error, not this keyword's. Written as
 * generated code, so that the validators can be precompiled (`npm run validators`).
 */
const durationRange: CodeKeywordDefinition = {
  keyword: "durationRange",
  type: "string",
  schemaType: "array",
  error: {
    message: ({ schema }) => str`must be a duration from ${(schema as string[])[0]} to ${(schema as string[])[1]}`,
    params: ({ schema }) => _`{min: ${(schema as string[])[0]}, max: ${(schema as string[])[1]}}`,
  },
  code(cxt) {
    const { gen, data } = cxt;
    const [min, max] = cxt.schema as [string, string];
    const match = gen.const("match", _`${usePattern(cxt, DURATION.source)}.exec(${data})`);
    const unitSeconds = Object.entries(UNIT_SECONDS).reduce((rest, [unit, seconds]) => _`${match}[2] === ${unit} ? ${seconds} : ${rest}`, _`NaN`);
    gen.if(_`${match} !== null`, () => {
      const seconds = gen.const("seconds", _`Number(${match}[1]) * (${unitSeconds})`);
      gen.if(_`${seconds} < ${durationSeconds(min)} || ${seconds} > ${durationSeconds(max)}`, () => cxt.error());
    });
  },
};

/**
 * The ajv instance for every input schema: strict, all errors, defaults filled in from the schema.
 * With `source`, it also keeps the generated code that `npm run validators` writes out.
 */
export function configAjv(options: { source?: boolean } = {}): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, useDefaults: true, code: { source: options.source ?? false, lines: true } });
  addFormats(ajv);
  ajv.addKeyword(durationRange);
  return ajv;
}

let runtimeAjv: Ajv | undefined;

const compiled = new Map<object, ValidateFunction>();

/**
 * Validates (and fills defaults into) `yaml.data` against `schema`, returning one problem per
 * error with file, JSON Pointer, message and the offending value.
 */
export function validateAgainst(schema: object, yaml: YamlFile): ConfigProblem[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = precompiledValidator(precompiledModule, schema) ?? (runtimeAjv ??= configAjv()).compile(schema);
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
  // The whole document of the wrong type may be anything at all (a link to another file, a secret): never echoed.
  if (error.instancePath === "" && error.keyword === "type") value = undefined;
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
