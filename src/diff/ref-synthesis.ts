import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DiffSourceError } from "./git-tree.js";
import type { OutputTree } from "./model.js";
import { readTree } from "./read-tree.js";

/**
 * `dist/` of a commit that does not commit it: the commit is checked out into a temporary worktree
 * and synthesized by its own CLI (its code, not ours), with this checkout's packages linked in
 * entry by entry. Linking `node_modules` itself would share the CLI bundle cache, which is keyed by
 * repository root, and make every run rebuild the other tree's bundle. Seconds, not milliseconds:
 * only the fallback.
 */
export function synthesizeCommit(root: string, commit: string, label: string): OutputTree {
  const directory = mkdtempSync(join(tmpdir(), "nfops-diff-"));
  const checkout = join(directory, "tree");
  const run = (args: readonly string[], cwd: string) => spawnSync(args[0]!, args.slice(1), { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  try {
    const added = run(["git", "worktree", "add", "--detach", "--quiet", checkout, commit], root);
    if (added.status !== 0) throw new DiffSourceError(`could not check out ${label}: ${added.stderr.trim()}`);
    mkdirSync(join(checkout, "node_modules"));
    for (const entry of readdirSync(join(root, "node_modules"))) {
      if (entry !== ".cache") symlinkSync(join(root, "node_modules", entry), join(checkout, "node_modules", entry));
    }
    const synth = run([process.execPath, join(checkout, "bin", "nfops.mjs"), "synth"], checkout);
    if (synth.status !== 0) throw new DiffSourceError(`synthesis of ${label} failed:\n${(synth.stderr || synth.stdout).trim()}`);
    return readTree(join(checkout, "dist"));
  } finally {
    run(["git", "worktree", "remove", "--force", checkout], root);
    rmSync(directory, { recursive: true, force: true });
  }
}
