import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { commands } from "../../src/cli/commands/index.js";

/** The packages that make `nfops synth` take a second to start. */
const SYNTHESIS_PACKAGES = ["cdk8s", "cdk8s-plus-28", "constructs", "@grafana/grafana-foundation-sdk"];

/** Every package a module loads when it is imported: its static imports, directly or through the project's own files. */
async function packagesImportedBy(file: string): Promise<Set<string>> {
  const result = await build({ entryPoints: [file], absWorkingDir: repositoryRoot, bundle: true, packages: "external", platform: "node", format: "esm", write: false, metafile: true, logLevel: "silent", outdir: "out" });
  const packages = new Set<string>();
  const visited = new Set<string>();
  const visit = (path: string) => {
    if (visited.has(path)) return;
    visited.add(path);
    for (const imported of result.metafile.inputs[path]?.imports ?? []) {
      if (imported.kind === "dynamic-import") continue; // loaded only when the command runs
      if (!imported.external) visit(imported.path);
      else if (!imported.path.startsWith("node:")) packages.add(imported.path.split("/").slice(0, imported.path.startsWith("@") ? 2 : 1).join("/"));
    }
  };
  visit(file);
  return packages;
}

describe("nfops loads only the command that runs", () => {
  it("GIVEN the CLI entry point THEN it imports no package itself: every command is a dynamic import", async () => {
    expect([...(await packagesImportedBy("src/cli/main.ts"))]).toEqual([]);
    expect(Object.keys(commands).sort()).toEqual(["audit", "bench", "collect", "cost", "diff", "doctor", "exporter", "report", "slo", "synth"]);
  });

  it.each(["audit", "bench", "cost", "collect", "report", "diff", "slo"])("GIVEN the one-shot command %s THEN neither it nor anything it imports loads cdk8s, cdk8s-plus or the Grafana SDK", async (name) => {
    const packages = await packagesImportedBy(`src/cli/commands/${name}.ts`);
    expect([...packages].filter((p) => SYNTHESIS_PACKAGES.includes(p))).toEqual([]);
  });

  it("GIVEN diff --worktree THEN the module it imports for synthesis does load them, and only that one", async () => {
    const packages = await packagesImportedBy("src/diff/worktree-synthesis.ts");
    expect(SYNTHESIS_PACKAGES.filter((p) => packages.has(p))).toEqual(SYNTHESIS_PACKAGES);
  });

  it("GIVEN synth THEN it does load them (the check above looks at the right packages)", async () => {
    const packages = await packagesImportedBy("src/cli/commands/synth.ts");
    expect(SYNTHESIS_PACKAGES.filter((p) => packages.has(p))).toEqual(SYNTHESIS_PACKAGES);
  });
});
