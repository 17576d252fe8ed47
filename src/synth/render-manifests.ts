import { compareCodePoints } from "../config/code-point-order.js";
import type { App } from "cdk8s";
import { generatedHeader, type OutputFile } from "./output-file.js";
import { toYaml } from "../model/serialize.js";

interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

/**
 * One YAML file per Kubernetes object (`manifests/<chart>/<kind>-<name>.yaml`) plus a
 * `kustomization.yaml` listing them, so a pull request diff shows exactly which objects changed.
 */
export function renderManifests(app: App, source: string, settings?: object): OutputFile[] {
  const files: OutputFile[] = [];
  const seen = new Map<string, string>();
  for (const chart of app.charts) {
    for (const object of chart.toJson() as KubernetesObject[]) {
      const path = `manifests/${chart.node.id}/${object.kind.toLowerCase()}-${object.metadata.name}.yaml`;
      const identity = `${object.kind}/${object.metadata.namespace ?? ""}/${object.metadata.name}`;
      const clash = seen.get(path);
      if (clash !== undefined) throw new Error(`two objects would be written to ${path}: ${clash} and ${identity}`);
      seen.set(path, identity);
      checkObjectSize(object, identity, source, settings);
      files.push({ path, content: generatedHeader("#", source) + toYaml(object), objects: 1 });
    }
  }
  files.sort((a, b) => compareCodePoints(a.path, b.path));
  const kustomization = {
    apiVersion: "kustomize.config.k8s.io/v1beta1",
    kind: "Kustomization",
    resources: files.map((f) => f.path.slice("manifests/".length)),
  };
  files.push({ path: "manifests/kustomization.yaml", content: generatedHeader("#", source) + toYaml(kustomization), objects: 0 });
  return files;
}

/** The API server rejects an object above this (etcd's request limit; ConfigMaps and Secrets state it as 1 MiB). */
export const MAX_OBJECT_BYTES = 1024 * 1024;

/**
 * Fails before anything is written when an object would be refused by the API server, naming the
 * environment's file, the object, its largest field and the setting of the file that is largest
 * (the one that made the object large, when the object's size comes from the input).
 */
function checkObjectSize(object: KubernetesObject, identity: string, source: string, settings?: object): void {
  const bytes = Buffer.byteLength(JSON.stringify(object));
  if (bytes <= MAX_OBJECT_BYTES) return;
  const [field, fieldBytes] = largestString(object, "");
  const [setting, settingBytes] = settings === undefined ? ["", 0] : largestSetting(settings);
  const cause = settingBytes > 0 ? `; the largest setting is /${setting} (${settingBytes} bytes of JSON)` : "";
  throw new Error(
    `${source}: ${identity} would be ${bytes} bytes, above the API server's ${MAX_OBJECT_BYTES}-byte object limit; its largest field is ${field} (${fieldBytes} bytes)${cause}`,
  );
}

/** The top-level setting whose value is largest as JSON. */
function largestSetting(settings: object): [string, number] {
  return Object.entries(settings).reduce<[string, number]>((best, [key, value]) => {
    const size = Buffer.byteLength(JSON.stringify(value) ?? "");
    return size > best[1] ? [key, size] : best;
  }, ["", 0]);
}

/** JSON Pointer and size of the longest string inside a value. */
function largestString(value: unknown, pointer: string): [string, number] {
  if (typeof value === "string") return [pointer || "/", Buffer.byteLength(value)];
  if (value === null || typeof value !== "object") return [pointer || "/", 0];
  let best: [string, number] = [pointer || "/", 0];
  for (const [key, child] of Object.entries(value)) {
    const found = largestString(child, `${pointer}/${key}`);
    if (found[1] > best[1]) best = found;
  }
  return best;
}
