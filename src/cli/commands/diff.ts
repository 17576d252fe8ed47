import { checkoutRoot, committedDist, DiffSourceError, resolveCommit } from "../../diff/git-tree.js";
import type { OutputTree } from "../../diff/model.js";
import { writePictures } from "../../diff/pictures.js";
import { checkTree } from "../../diff/check-tree.js";
import { synthesizeCommit } from "../../diff/ref-synthesis.js";
import { renderJson } from "../../diff/render-json.js";
import { renderMarkdown } from "../../diff/render-markdown.js";
import { diffTrees } from "../../diff/tree-diff.js";
import { projectPaths } from "../../config/project-paths.js";
import { choiceOption, parseOptions, type Command } from "../command.js";
import { UsageError } from "../usage-error.js";

const FORMATS = ["markdown", "json"] as const;

const usage = `Usage: nfops diff [--base REF] [--head REF | --worktree] [--env NAME]... [--format markdown|json] [--exit-code] [--pictures DIR] [--root DIR]

What a change does to the generated dashboards, rules and Kubernetes objects, per environment:
panels matched by row and title (moved, retitled, queries as a token diff, unit, thresholds),
alerts and recording rules (expression, for, labels, annotations; thresholds as old → new;
an expression with the same PromQL parse tree reads "formatting only"), and
objects (images, replicas, resources, args, ports, ConfigMap keys; checksum-only changes folded
into the change that caused them).

  --base       the old side: dist/ as committed at REF (default HEAD)
  --head       the new side: dist/ as committed at REF
  --worktree   the new side: the working tree's sources synthesized now, in memory (the default
               when --head is not given; it loads the synthesis code and takes a few seconds)
  --env        only this environment (repeatable; default every environment of either side)
  --format     markdown (default; a pull-request comment, empty when nothing changed) or json
  --exit-code  exit 1 when something changed, like git diff --exit-code
  --pictures   write DIR/<env>/<uid>.svg, the grid of each changed dashboard before and after
  --root       the project's directory inside its git checkout (default the current directory)

A ref whose commit has no dist/ is checked out into a temporary worktree and synthesized by its
own CLI (seconds instead of milliseconds). Exit codes: 0 no change (or changes without
--exit-code), 1 changes with --exit-code, 2 an error (unknown ref, a side that fails to synthesize).`;

export const diffCommand: Command = {
  usage,
  async run(argv) {
    const options = parseOptions(argv, {
      base: { type: "string" },
      head: { type: "string" },
      worktree: { type: "boolean" },
      env: { type: "string", multiple: true },
      format: { type: "string" },
      "exit-code": { type: "boolean" },
      pictures: { type: "string" },
      root: { type: "string" },
    });
    if (options.help) {
      console.log(usage);
      return 0;
    }
    if (options.head !== undefined && options.worktree) throw new UsageError("--head and --worktree both name the new side; give one");
    const format = choiceOption("format", options.format, FORMATS);
    const environments = options.env ?? [];
    try {
      const projectRoot = options.root ?? process.cwd();
      const root = checkoutRoot(projectRoot);
      const baseRef = options.base ?? "HEAD";
      const before = committedTree(root, baseRef);
      const headLabel = options.head ?? "working tree";
      const after = options.head !== undefined ? committedTree(root, options.head) : await worktreeTree(projectRoot, environments);
      // After both sides are read: only the files that differ between them are parsed.
      checkTree(before, baseRef, after);
      if (options.head !== undefined) checkTree(after, options.head, before);
      const diff = diffTrees(before, after, { base: baseRef, head: headLabel, environments });
      if (options.pictures !== undefined) writePictures(options.pictures, diff, before, after);
      process.stdout.write(format === "json" ? renderJson(diff) : renderMarkdown(diff, { pictures: options.pictures }));
      return options["exit-code"] && diff.environments.length > 0 ? 1 : 0;
    } catch (error) {
      // Exit 1 means "changes" with --exit-code, so every failure is 2.
      console.error(`nfops diff: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
  },
};

/** dist/ as committed at a ref; synthesized from that commit's sources when it commits none. */
function committedTree(root: string, ref: string): OutputTree {
  const commit = resolveCommit(root, ref);
  return committedDist(root, commit) ?? synthesizeCommit(root, commit, ref);
}

async function worktreeTree(projectRoot: string, environments: readonly string[]): Promise<OutputTree> {
  // Loaded only here: cdk8s and the Grafana SDK cost a second, and reading refs needs neither.
  const { synthesizeWorktree } = await import("../../diff/worktree-synthesis.js");
  try {
    return synthesizeWorktree(projectPaths(projectRoot), environments);
  } catch (error) {
    throw new DiffSourceError(`synthesis of the working tree failed (nothing was compared):\n${error instanceof Error ? error.message : String(error)}`);
  }
}
