import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ALERTMANAGER_CONFIG_FILE } from "../../src/components/alertmanager.js";
import { PROMETHEUS_CONFIG_FILE } from "../../src/components/prometheus.js";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { synthesize } from "../../src/synth/synthesize.js";
import { promtoolCheckConfig } from "../helpers/promtool-config.js";
import { startAlertmanagerOnGenerated, startPrometheusOnGenerated } from "../helpers/start-generated.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";
import { validateObject } from "../helpers/validate-kubernetes-object.js";
import { run, writeTree } from "../stack/stack-fixtures.js";

type FileSpec = string | { fifo: true } | { replace: [string, string] } | { base64: string } | { symlink: string };
interface Case {
  readonly name: string;
  readonly stacks?: Record<string, FileSpec>;
  readonly pricing?: Record<string, FileSpec>;
  readonly error?: string;
  /** Text the message must not contain (content of a file the input pointed at). */
  readonly absent?: string;
  readonly valid?: true;
}

const cases = parse(readFileSync(join(repositoryRoot, "tests", "hostile", "corpus.yaml"), "utf8")) as Case[];
const failing = cases.filter((c) => c.error !== undefined);
const valid = cases.filter((c) => c.valid === true);

/** `${repeat:text:n}` expands to n copies of text. */
function expand(text: string): string {
  return text.replace(/\$\{repeat:(.+?):(\d+)\}/g, (_, c: string, n: string) => c.repeat(Number(n)));
}

/** Writes a case's files; returns how to put the project back. */
function apply(project: TempProject, c: Case): () => void {
  const undo: Array<() => void> = [];
  for (const [name, spec] of Object.entries(c.stacks ?? {})) {
    const path = name === "." ? project.stacksDir : join(project.stacksDir, name);
    if (name === ".") {
      rmSync(project.stacksDir, { recursive: true, force: true });
      undo.push(() => {
        rmSync(project.stacksDir, { force: true });
        mkdirSync(project.stacksDir);
      });
    } else {
      undo.push(() => rmSync(path, { force: true }));
    }
    if (typeof spec === "object" && "fifo" in spec) {
      const made = spawnSync("mkfifo", [path]);
      if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
    } else if (typeof spec === "object" && "base64" in spec) {
      writeFileSync(path, Buffer.from(spec.base64, "base64"));
    } else if (typeof spec === "object" && "symlink" in spec) {
      symlinkSync(spec.symlink, path);
    } else {
      writeFileSync(path, expand(spec as string));
    }
  }
  for (const [name, spec] of Object.entries(c.pricing ?? {})) {
    const path = join(project.pricingDir, name);
    const original = readFileSync(path, "utf8");
    undo.push(() => {
      rmSync(path, { force: true });
      writeFileSync(path, original);
    });
    if (typeof spec === "string") writeFileSync(path, expand(spec));
    else if ("symlink" in spec) {
      rmSync(path);
      symlinkSync(spec.symlink, path);
    } else if ("replace" in spec) {
      if (!original.includes(spec.replace[0])) throw new Error(`${c.name}: ${name} has no ${JSON.stringify(spec.replace[0])}`);
      writeFileSync(path, original.replace(spec.replace[0], spec.replace[1]));
    }
  }
  return () => undo.reverse().forEach((step) => step());
}

function messageOf(project: TempProject): string {
  try {
    synthesize(project);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return "(synthesis succeeded)";
}

describe("hostile inputs", () => {
  let project: TempProject;
  let before: Map<string, string>;
  beforeAll(() => {
    project = tempProject();
    synthesize(project);
    before = project.snapshotDist();
  });
  afterAll(() => project?.remove());

  it("GIVEN the corpus THEN it holds at least 60 failing cases and some valid edge cases", () => {
    expect(failing.length).toBeGreaterThanOrEqual(60);
    expect(valid.length).toBeGreaterThanOrEqual(5);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(failing.map((c) => [c.name, c] as const))("GIVEN %s WHEN synthesizing THEN it fails with a located message and dist/ is untouched", (_name, c) => {
    const restore = apply(project, c);
    try {
      const message = messageOf(project);
      expect(message).toContain(c.error);
      if (c.absent !== undefined) expect(message).not.toContain(c.absent);
      // Every message names a file, however it failed.
      expect(message).toMatch(/^(stacks|pricing)\b/m);
      expect(project.snapshotDist()).toEqual(before);
    } finally {
      restore();
    }
  });
});

describe("valid edge cases", () => {
  const project = tempProject();
  afterAll(() => project.remove());

  it.each(valid.map((c) => [c.name, c] as const))(
    "GIVEN %s WHEN synthesized THEN promtool, amtool, the object schemas and kustomize accept the output, and the real Prometheus and Alertmanager start on it",
    async (_name, c) => {
      // The case's files are undone afterwards, and only its own environments are rendered (every input is still loaded and checked).
      const restore = apply(project, c);
      try {
        await checkValid(project, c);
      } finally {
        restore();
      }
    },
    120_000,
  );
});

async function checkValid(project: TempProject, c: Case): Promise<void> {
  for (const env of Object.keys(c.stacks ?? {}).map((f) => f.replace(/\.yaml$/, ""))) {
    synthesize(project, { only: env });
    const dir = join(project.distDir, env);
    const objects = manifests(join(dir, "manifests"));
    for (const object of objects) expect(() => validateObject(object), `${env}: ${object.kind}/${object.metadata.name}`).not.toThrow();
    const kustomize = run("kubectl", ["kustomize", join(dir, "manifests")]);
    expect(kustomize.status, kustomize.output).toBe(0);

    const rules = readdirSync(join(dir, "rules"));
    if (rules.length > 0) {
      const checked = run("promtool", ["check", "rules", ...rules], join(dir, "rules"));
      expect(checked.status, checked.output).toBe(0);
    }
    const data = (name: string) => objects.find((o) => o.kind === "ConfigMap" && o.data?.[name] !== undefined)?.data as Record<string, string> | undefined;
    const ruleTexts = Object.fromEntries(rules.map((f) => [f, readFileSync(join(dir, "rules", f), "utf8")]));
    const prometheusData = data(PROMETHEUS_CONFIG_FILE);
    if (prometheusData !== undefined) {
      const config = parse(prometheusData[PROMETHEUS_CONFIG_FILE] as string);
      const prometheus = promtoolCheckConfig(config, ruleTexts);
      expect(prometheus.status, prometheus.output).toBe(0);
      const groups = Object.values(ruleTexts).reduce((sum, text) => sum + ((parse(text) as { groups: unknown[] }).groups.length), 0);
      expect(await startPrometheusOnGenerated(config, ruleTexts)).toBe(groups);
    }

    const alertmanager = objects.filter((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("alertmanager-"));
    const files = Object.fromEntries(alertmanager.flatMap((o) => Object.entries(o.data as Record<string, string>)));
    if (files[ALERTMANAGER_CONFIG_FILE] !== undefined) {
      const tree = writeTree(Object.fromEntries(Object.entries(files).map(([k, v]) => [k.endsWith(".tmpl") ? `templates/${k}` : k, v])));
      try {
        const amtool = run("amtool", ["check-config", join(tree, ALERTMANAGER_CONFIG_FILE)]);
        expect(amtool.status, amtool.output).toBe(0);
      } finally {
        rmSync(tree, { recursive: true, force: true });
      }
      const templates = Object.fromEntries(Object.entries(files).filter(([k]) => k.endsWith(".tmpl")));
      await startAlertmanagerOnGenerated(parse(files[ALERTMANAGER_CONFIG_FILE] as string), templates);
    }
  }
}

function manifests(dir: string): any[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return manifests(path);
    return name === "kustomization.yaml" ? [] : [parse(readFileSync(path, "utf8"))];
  });
}
