import { spawnSync } from "node:child_process";
import type { OutputTree } from "./model.js";

/** A side of the diff that cannot be read: an unknown ref, a failed synthesis. The CLI exits 2. */
export class DiffSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DiffSourceError";
  }
}

function git(root: string, args: readonly string[], input?: string): Buffer {
  const result = spawnSync("git", args, { cwd: root, input, maxBuffer: 1 << 30 });
  if (result.error) throw new DiffSourceError(`git could not be run: ${result.error.message}`);
  if (result.status !== 0) throw new DiffSourceError(`git ${args.join(" ")} failed: ${result.stderr.toString().trim()}`);
  return result.stdout;
}

/** The commit a ref names, or a clear error for a ref that names none. */
export function resolveCommit(root: string, ref: string): string {
  const result = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: root });
  if (result.status !== 0) throw new DiffSourceError(`unknown ref ${JSON.stringify(ref)}: it names no commit in ${root}`);
  return result.stdout.toString().trim();
}

/**
 * `dist/` as committed at a commit, read with two git processes (ls-tree, then one cat-file batch
 * for every blob), or `undefined` when the commit has no `dist/`.
 */
export function committedDist(root: string, commit: string): OutputTree | undefined {
  const listing = git(root, ["ls-tree", "-r", "-z", "--full-tree", commit, "--", "dist/"]).toString();
  const entries = listing
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const [meta = "", path = ""] = line.split("\t");
      const [, type, object] = meta.split(" ");
      return { type, object: object ?? "", path: path.slice("dist/".length) };
    })
    .filter((entry) => entry.type === "blob");
  if (entries.length === 0) return undefined;
  const output = git(root, ["cat-file", "--batch"], entries.map((entry) => entry.object).join("\n") + "\n");
  const tree = new Map<string, string>();
  let offset = 0;
  for (const entry of entries) {
    // Each blob comes as "<object> blob <size>\n<content>\n".
    const headerEnd = output.indexOf(10, offset);
    const size = Number(output.subarray(offset, headerEnd).toString().split(" ")[2]);
    tree.set(entry.path, output.subarray(headerEnd + 1, headerEnd + 1 + size).toString("utf8"));
    offset = headerEnd + 1 + size + 1;
  }
  return tree;
}

/** The top directory of the git checkout that holds `directory`. */
export function checkoutRoot(directory: string): string {
  return git(directory, ["rev-parse", "--show-toplevel"]).toString().trim();
}
