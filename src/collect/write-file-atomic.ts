import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Writes `text` to `path` so that a reader (node-exporter's textfile collector, a tail, a CI
 * artifact upload) sees either the old file or the new one, never half of it: write a sibling
 * temporary file, then rename it over the target (atomic within one filesystem).
 */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
