import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the generator reads its inputs and writes its output. Tests point these at temporary copies. */
export interface ProjectPaths {
  /** Root that file names in messages are relative to. */
  readonly root: string;
  readonly stacksDir: string;
  readonly pricingDir: string;
  readonly distDir: string;
}

/** Set by the CLI bundle (bin/cli-bundle.mjs), which does not live inside the repository's src/. */
declare const __NFOPS_REPOSITORY_ROOT__: string | undefined;

/** The repository this module lives in. */
export const repositoryRoot =
  typeof __NFOPS_REPOSITORY_ROOT__ === "string" ? __NFOPS_REPOSITORY_ROOT__ : resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function projectPaths(root: string = repositoryRoot): ProjectPaths {
  return {
    root,
    stacksDir: join(root, "stacks"),
    pricingDir: join(root, "pricing"),
    distDir: join(root, "dist"),
  };
}

/** A path as it is shown in messages: relative to the project root, with forward slashes. */
export function displayPath(paths: ProjectPaths, file: string): string {
  return relative(paths.root, file).split("\\").join("/") || ".";
}
