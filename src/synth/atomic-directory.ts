import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { OutputFile } from "./output-file.js";

/**
 * Replaces `target` with a directory holding exactly `files`, so that readers see either the old
 * or the new tree, never a half-written one: everything is written into a sibling temporary
 * directory first, then swapped in with two renames on the same filesystem.
 */
export function replaceDirectory(target: string, files: readonly OutputFile[]): void {
  const suffix = `${process.pid}-${Date.now()}`;
  const staging = `${target}.tmp-${suffix}`;
  const retired = `${target}.old-${suffix}`;
  mkdirSync(dirname(target), { recursive: true });
  try {
    for (const file of files) {
      const path = join(staging, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    mkdirSync(staging, { recursive: true });
    if (existsSync(target)) renameSync(target, retired);
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Put the previous tree back if the swap itself failed half-way.
    if (!existsSync(target) && existsSync(retired)) renameSync(retired, target);
    throw error;
  }
  rmSync(retired, { recursive: true, force: true });
}
