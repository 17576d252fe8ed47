import { isDeepStrictEqual } from "node:util";

export interface ChangedPath {
  /** Dotted path, `spec.template.spec.volumes`; array items as `[2]`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * Where two JSON values differ, down to `depth` levels: deeper differences are reported at that
 * level, so a summary names `spec.template.spec.volumes` rather than every leaf inside it.
 */
export function changedPaths(before: unknown, after: unknown, depth = 6, path = ""): ChangedPath[] {
  if (isDeepStrictEqual(before, after)) return [];
  const bothObjects = isRecord(before) && isRecord(after);
  const bothArrays = Array.isArray(before) && Array.isArray(after) && before.length === after.length;
  if (depth === 0 || !(bothObjects || bothArrays)) return [{ path: path || "(root)", before, after }];
  const keys = bothArrays ? [...before.keys()].map(String) : [...new Set([...Object.keys(before as object), ...Object.keys(after as object)])];
  return keys.flatMap((key) => {
    const child = bothArrays ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    return changedPaths((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], depth - 1, child);
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value as it is shown in one line: strings bare, the rest as compact JSON, long ones shortened. */
export function show(value: unknown, limit = 80): string {
  if (value === undefined) return "(none)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length > limit ? `${oneLine.slice(0, limit - 1)}…` : oneLine;
}
