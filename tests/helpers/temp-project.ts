import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { projectPaths, repositoryRoot, type ProjectPaths } from "../../src/config/project-paths.js";

export const FIXTURE_PRICING = join(repositoryRoot, "tests", "fixtures", "pricing");

export interface TempProject extends ProjectPaths {
  write(relativePath: string, text: string): void;
  /** Every file under `dist/` with its bytes, for before/after comparisons. */
  snapshotDist(): Map<string, string>;
  remove(): void;
}

/**
 * A throw-away project root with its own `pricing/` and `stacks/` (the repository's by default,
 * or the round-number fixture pricing), so tests never touch the real `dist/`.
 */
export function tempProject(options: { pricing?: "repository" | "fixture"; stacks?: "repository" | "none" } = {}): TempProject {
  const root = mkdtempSync(join(tmpdir(), "nfops-test-"));
  const paths = projectPaths(root);
  const pricingSource = options.pricing === "fixture" ? FIXTURE_PRICING : join(repositoryRoot, "pricing");
  cpSync(pricingSource, paths.pricingDir, { recursive: true });
  mkdirSync(paths.stacksDir, { recursive: true });
  if ((options.stacks ?? "none") === "repository") {
    for (const f of readdirSync(join(repositoryRoot, "stacks")).filter((n) => n.endsWith(".yaml"))) {
      cpSync(join(repositoryRoot, "stacks", f), join(paths.stacksDir, f));
    }
  }
  return {
    ...paths,
    write(relativePath, text) {
      const path = join(root, relativePath);
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, text);
    },
    snapshotDist() {
      const result = new Map<string, string>();
      const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          if (statSync(path).isDirectory()) walk(path);
          else result.set(relative(paths.distDir, path), readFileSync(path, "utf8"));
        }
      };
      walk(paths.distDir);
      return result;
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
