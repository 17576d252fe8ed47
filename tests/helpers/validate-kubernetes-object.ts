import * as core from "kubernetes-models";
import * as prometheusOperator from "@kubernetes-models/prometheus-operator";

interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  new (data: unknown): { validate(): void };
}

function isModelClass(value: unknown): value is ModelClass {
  return typeof value === "function" && typeof (value as { apiVersion?: unknown }).apiVersion === "string"
    && typeof (value as { kind?: unknown }).kind === "string";
}

/** Every model of kubernetes-models and @kubernetes-models/prometheus-operator, keyed `apiVersion/kind`. */
const MODELS: ReadonlyMap<string, ModelClass> = (() => {
  const models = new Map<string, ModelClass>();
  const walk = (namespace: object) => {
    for (const value of Object.values(namespace)) {
      if (isModelClass(value)) models.set(`${value.apiVersion}/${value.kind}`, value);
      else if (value !== null && typeof value === "object") walk(value);
    }
  };
  walk(core);
  walk(prometheusOperator);
  return models;
})();

/**
 * Validates one Kubernetes object against the OpenAPI schema of its apiVersion and kind; throws
 * with the object's identity when the kind is unknown or the object is invalid.
 */
export function validateObject(object: {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: { readonly name?: unknown };
  readonly [field: string]: unknown;
}): void {
  const key = `${String(object.apiVersion)}/${String(object.kind)}`;
  const model = MODELS.get(key);
  if (model === undefined) throw new Error(`no schema for ${key} (${String(object.metadata?.name)})`);
  try {
    new model(object).validate();
  } catch (error) {
    throw new Error(`${key} ${String(object.metadata?.name)} is invalid: ${(error as Error).message}`);
  }
}
