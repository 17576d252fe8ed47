import { isDeepStrictEqual } from "node:util";
import { isCarriedPlaceholder } from "./carried-blocks.js";
import { changedPaths, isRecord, show } from "./changed-paths.js";
import type { FieldChange } from "./model.js";

/** What changed in one Kubernetes object, with what is folded elsewhere set apart. */
export interface ObjectFields {
  readonly changes: FieldChange[];
  /** A `checksum/*` annotation changed: the object rolls because some configuration it mounts changed. */
  readonly checksumChanged: boolean;
  /** ConfigMap keys or PrometheusRule groups that carry a dashboard or rule file: reported under Dashboards and Rules instead. */
  readonly carriedChanged: boolean;
}

const DATA_FIELDS = ["data", "stringData", "binaryData"];

/**
 * Field-level summary of a changed object: ConfigMap keys by key, containers by name (image,
 * resources, args, ports), replicas, Service ports, and any other field by path. Checksum
 * annotations and carried dashboards/rules are not listed: they are consequences of changes shown
 * elsewhere.
 */
export function objectFields(before: Record<string, unknown>, after: Record<string, unknown>): ObjectFields {
  const a = structuredClone(before);
  const b = structuredClone(after);
  const changes: FieldChange[] = [];
  const checksumChanged = stripChecksums(a) !== stripChecksums(b);
  let carriedChanged = false;
  if (a.kind === "PrometheusRule" || b.kind === "PrometheusRule") {
    carriedChanged = !isDeepStrictEqual(take(a.spec, "groups"), take(b.spec, "groups"));
  }
  for (const field of DATA_FIELDS) {
    const result = dataChanges(field, take(a, field), take(b, field));
    changes.push(...result.changes);
    carriedChanged ||= result.carriedChanged;
  }
  const podA = podSpec(a);
  const podB = podSpec(b);
  if (podA || podB) {
    for (const field of ["initContainers", "containers"]) changes.push(...containerChanges(take(podA, field), take(podB, field)));
  }
  if (isRecord(a.spec) && isRecord(b.spec) && a.spec.replicas !== b.spec.replicas) {
    changes.push({ field: "replicas", before: show(take(a.spec, "replicas")), after: show(take(b.spec, "replicas")) });
  }
  if (a.kind === "Service") changes.push(...portChanges("port", take(a.spec, "ports"), take(b.spec, "ports")));
  for (const change of changedPaths(a, b, 5)) changes.push({ field: change.path, before: show(change.before), after: show(change.after) });
  return { changes, checksumChanged, carriedChanged };
}

/** Removes a field and returns it, so that what is compared by name is not compared again by path. */
function take(record: unknown, field: string): unknown {
  if (!isRecord(record)) return undefined;
  const value = record[field];
  delete record[field];
  return value;
}

/** Removes the checksum annotations of the object and its pod template; returns them as one string. */
function stripChecksums(object: Record<string, unknown>): string {
  const found: string[] = [];
  const strip = (metadata: unknown) => {
    if (!isRecord(metadata) || !isRecord(metadata.annotations)) return;
    for (const key of Object.keys(metadata.annotations)) {
      if (!key.startsWith("checksum/")) continue;
      found.push(`${key}=${String(metadata.annotations[key])}`);
      delete metadata.annotations[key];
    }
    if (Object.keys(metadata.annotations).length === 0) delete metadata.annotations;
  };
  strip(object.metadata);
  const template = isRecord(object.spec) && isRecord(object.spec.template) ? object.spec.template : undefined;
  strip(template?.metadata);
  return found.join("\n");
}

function podSpec(object: Record<string, unknown>): Record<string, unknown> | undefined {
  const spec = isRecord(object.spec) ? object.spec : undefined;
  if (object.kind === "Pod") return spec;
  const job = isRecord(spec?.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec : spec;
  return isRecord(job?.template) && isRecord(job.template.spec) ? job.template.spec : undefined;
}

/** A ConfigMap key carries a dashboard (JSON with a uid and panels) or a rule file (YAML with groups). */
export function carriesArtifact(key: string, value: unknown): boolean {
  if (typeof value !== "string") return false;
  if (isCarriedPlaceholder(value)) return true;
  try {
    if (key.endsWith(".json")) {
      const parsed: unknown = JSON.parse(value);
      return isRecord(parsed) && typeof parsed.uid === "string" && Array.isArray(parsed.panels);
    }
    // A rule file starts with its groups; parsing it again only to confirm that costs more than the whole diff.
    if (key.endsWith(".yaml") || key.endsWith(".yml")) return /^groups:[ \t]*\n/.test(value);
  } catch {
    return false;
  }
  return false;
}

function dataChanges(field: string, before: unknown, after: unknown): { changes: FieldChange[]; carriedChanged: boolean } {
  const a = isRecord(before) ? before : {};
  const b = isRecord(after) ? after : {};
  const changes: FieldChange[] = [];
  let carriedChanged = false;
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
    if (a[key] === b[key]) continue;
    if (carriesArtifact(key, a[key] ?? b[key]) && (a[key] === undefined || b[key] === undefined || carriesArtifact(key, b[key]))) {
      carriedChanged = true;
      continue;
    }
    const label = field === "data" ? `key ${key}` : `${field} key ${key}`;
    if (a[key] === undefined) changes.push({ field: label, before: "(none)", after: "added" });
    else if (b[key] === undefined) changes.push({ field: label, before: "present", after: "(removed)" });
    else changes.push(keyChange(label, String(a[key]), String(b[key])));
  }
  return { changes, carriedChanged };
}

/** A changed ConfigMap value: old → new for one-liners, otherwise the changed lines (as sets: a reordering shows nothing but is still counted). */
function keyChange(field: string, before: string, after: string): FieldChange {
  if (!before.includes("\n") && !after.includes("\n")) return { field, before: show(before), after: show(after) };
  const oldLines = before.split("\n");
  const newLines = after.split("\n");
  const removed = oldLines.filter((line) => !newLines.includes(line)).map((line) => line.trim());
  const added = newLines.filter((line) => !oldLines.includes(line)).map((line) => line.trim());
  if (removed.length === 0 && added.length === 0) return { field, before: "", after: "", tokens: "lines reordered" };
  const sample = (lines: string[]) => lines.slice(0, 3).join("; ") + (lines.length > 3 ? `; … (${lines.length} lines)` : "");
  return { field, before: removed.length ? sample(removed) : "(no line removed)", after: added.length ? sample(added) : "(no line added)" };
}

function containerChanges(before: unknown, after: unknown): FieldChange[] {
  const byName = (list: unknown) => new Map((Array.isArray(list) ? list.filter(isRecord) : []).map((c) => [String(c.name), structuredClone(c)]));
  const a = byName(before);
  const b = byName(after);
  const changes: FieldChange[] = [];
  for (const name of a.keys()) if (!b.has(name)) changes.push({ field: `container ${name}`, before: "present", after: "(removed)" });
  for (const [name, container] of b) {
    const old = a.get(name);
    if (!old) {
      changes.push({ field: `container ${name}`, before: "(none)", after: `added (${show(container.image)})` });
      continue;
    }
    const prefix = `container ${name}`;
    const image = [take(old, "image"), take(container, "image")];
    if (image[0] !== image[1]) changes.push({ field: `${prefix} image`, before: show(image[0]), after: show(image[1]) });
    for (const change of changedPaths(take(old, "resources") ?? {}, take(container, "resources") ?? {}, 3)) {
      changes.push({ field: `${prefix} resources.${change.path}`, before: show(change.before), after: show(change.after) });
    }
    changes.push(...argChanges(prefix, take(old, "args"), take(container, "args")));
    changes.push(...portChanges(`${prefix} port`, take(old, "ports"), take(container, "ports")));
    for (const change of changedPaths(old, container, 3)) changes.push({ field: `${prefix} ${change.path}`, before: show(change.before), after: show(change.after) });
  }
  return changes;
}

/** Arguments as flags: `--flag=value` pairs by flag (value old → new), the rest as added or removed. */
function argChanges(prefix: string, before: unknown, after: unknown): FieldChange[] {
  const args = (list: unknown) => (Array.isArray(list) ? list.map(String) : []);
  const a = args(before);
  const b = args(after);
  const flag = (arg: string) => (arg.startsWith("-") && arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : undefined);
  const value = (arg: string) => arg.slice(arg.indexOf("=") + 1);
  const changes: FieldChange[] = [];
  const removed = a.filter((arg) => !b.includes(arg));
  const added = b.filter((arg) => !a.includes(arg));
  for (const old of [...removed]) {
    const name = flag(old);
    const now = name === undefined ? undefined : added.find((arg) => flag(arg) === name);
    if (name === undefined || now === undefined) continue;
    changes.push({ field: `${prefix} arg ${name}`, before: value(old), after: value(now) });
    removed.splice(removed.indexOf(old), 1);
    added.splice(added.indexOf(now), 1);
  }
  for (const arg of removed) changes.push({ field: `${prefix} arg`, before: arg, after: "(removed)" });
  for (const arg of added) changes.push({ field: `${prefix} arg`, before: "(none)", after: arg });
  return changes;
}

function portChanges(field: string, before: unknown, after: unknown): FieldChange[] {
  const byName = (list: unknown) => new Map((Array.isArray(list) ? list.filter(isRecord) : []).map((p) => [String(p.name ?? p.containerPort ?? p.port), p]));
  const a = byName(before);
  const b = byName(after);
  const describe = (p: Record<string, unknown> | undefined) => (p ? [p.containerPort ?? p.port, p.targetPort, p.protocol].filter((x) => x !== undefined).map(String).join("/") : "(none)");
  return [...new Set([...a.keys(), ...b.keys()])]
    .filter((name) => !isDeepStrictEqual(a.get(name), b.get(name)))
    .map((name) => ({ field: `${field} ${name}`, before: describe(a.get(name)), after: b.has(name) ? describe(b.get(name)) : "(removed)" }));
}
