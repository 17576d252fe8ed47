import { compareCodePoints } from "./code-point-order.js";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { costExporterSettingsProblems } from "./cost-exporter-settings.js";
import { ConfigError, type ConfigProblem } from "./errors.js";
import { environmentSchema, type Environment, type EnvironmentSettings } from "./environment-schema.js";
import type { Pricing } from "./pricing-schema.js";
import { displayPath, type ProjectPaths } from "./project-paths.js";
import { urlSettingsProblems } from "./url-settings-check.js";
import { validateAgainst } from "./validate.js";
import { parseYamlFile, readYamlFile, type YamlFile } from "./yaml-file.js";

/** Name of the environment that exists without any file. */
export const DEFAULT_ENVIRONMENT = "default";
const EMBEDDED_SOURCE = "(embedded default)";
/** An environment name becomes part of paths and Kubernetes names, so it must be a DNS label. */
const ENVIRONMENT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A problem found in resolved settings; the loader adds the file and the location of `path`. */
export type SettingsProblem = Omit<ConfigProblem, "file" | "line" | "column">;

/** A rule over resolved settings that the schema cannot state, owned by the part that needs it. */
export type SettingsCheck = (settings: EnvironmentSettings) => SettingsProblem[];

/**
 * What the layers above the configuration add to its validation; this layer imports neither.
 * Synthesis passes both (`src/synth/load-options.ts`). Without them neither is checked: the cost
 * exporter runs no pack and no other component, and reads a file synthesis checked.
 */
export interface LoadOptions {
  /** Names accepted in `packs` (the pack registry's). */
  readonly knownPacks?: readonly string[];
  /** Packs that components bring, by name, with the key of the component: named in `packs`, they get an error that says so. */
  readonly componentPacks?: Readonly<Record<string, string>>;
  /** Checks of the settings that components own (their definitions' `checkSettings`). */
  readonly checks?: readonly SettingsCheck[];
}

/**
 * Loads every environment: the embedded `default` (replaced by `stacks/default.yaml` when that
 * exists) plus one per `stacks/*.yaml`, sorted by name. Every problem of every file is collected
 * before throwing, so one run shows everything to fix.
 */
export function loadEnvironments(paths: Pick<ProjectPaths, "root" | "stacksDir">, pricing: Pricing, options: LoadOptions = {}): Environment[] {
  const problems: ConfigProblem[] = [];
  const environments = new Map<string, Environment>();
  const files = stackFiles(paths);
  if (!files.includes(`${DEFAULT_ENVIRONMENT}.yaml`)) {
    const embedded = loadEnvironment(parseYamlFile(EMBEDDED_SOURCE, "{}"), DEFAULT_ENVIRONMENT, pricing, options, problems);
    if (embedded) environments.set(DEFAULT_ENVIRONMENT, embedded);
  }

  for (const fileName of files) {
    const fullPath = join(paths.stacksDir, fileName);
    const shown = displayPath(paths as ProjectPaths, fullPath);
    const name = fileName.replace(/\.yaml$/, "");
    if (!ENVIRONMENT_NAME.test(name) || name.length > 40) {
      problems.push({
        file: shown,
        path: "/",
        message: "file name must be a lowercase DNS label of at most 40 characters (it names the environment)",
        value: name,
      });
      continue;
    }
    try {
      const environment = loadEnvironment(readYamlFile(fullPath, shown, paths.root), name, pricing, options, problems);
      if (environment) environments.set(name, environment);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return [...environments.values()].sort((a, b) => compareCodePoints(a.name, b.name));
}

/**
 * One environment by name, reading only `stacks/<name>.yaml` (or the embedded default for
 * `default` when that file does not exist); undefined when the name is not defined. For a process
 * that runs one environment (`nfops doctor`) and must not fail on the others.
 */
export function loadEnvironmentNamed(paths: Pick<ProjectPaths, "root" | "stacksDir">, name: string, pricing: Pricing): Environment | undefined {
  const yaml = readEnvironmentFile(paths, name);
  if (yaml === undefined) return undefined;
  const problems: ConfigProblem[] = [];
  const environment = loadEnvironment(yaml, name, pricing, {}, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return environment;
}

/** The file of environment `name` (the embedded default for `default` without one), unvalidated; undefined when there is none. */
export function readEnvironmentFile(paths: Pick<ProjectPaths, "root" | "stacksDir">, name: string): YamlFile | undefined {
  if (!ENVIRONMENT_NAME.test(name)) return undefined;
  const fullPath = join(paths.stacksDir, `${name}.yaml`);
  if (existsSync(fullPath)) return readYamlFile(fullPath, displayPath(paths as ProjectPaths, fullPath), paths.root);
  return name === DEFAULT_ENVIRONMENT ? parseYamlFile(EMBEDDED_SOURCE, "{}") : undefined;
}

function stackFiles(paths: Pick<ProjectPaths, "root" | "stacksDir">): string[] {
  const { stacksDir } = paths;
  if (!existsSync(stacksDir)) return [];
  if (!statSync(stacksDir).isDirectory()) {
    throw new ConfigError([{ file: displayPath(paths as ProjectPaths, stacksDir), path: "/", message: "is not a directory (it holds one <env>.yaml per environment)" }]);
  }
  return readdirSync(stacksDir)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
}

function loadEnvironment(yaml: YamlFile, name: string, pricing: Pricing, options: LoadOptions, problems: ConfigProblem[]): Environment | undefined {
  const found = validateAgainst(environmentSchema, yaml);
  if (found.length > 0) {
    problems.push(...found);
    return undefined;
  }
  const settings = yaml.data as EnvironmentSettings;
  const crossProblems = crossFieldProblems(settings, pricing, options).map((p) => ({ file: yaml.file, ...p, ...yaml.locate(p.path) }));
  problems.push(...crossProblems);
  return crossProblems.length > 0 ? undefined : { name, source: yaml.file, settings };
}

/**
 * Rules a schema cannot state: names that must exist elsewhere, and fields that depend on each
 * other. Checked at load, once, for every consumer: a stack that passes here does not fail later
 * in a runtime (the exporter) or a validator (promtool, the API server).
 */
function crossFieldProblems(settings: EnvironmentSettings, pricing: Pricing, options: LoadOptions): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const requireKey = (path: string, value: string, known: readonly string[], where: string) => {
    if (known.includes(value)) return;
    problems.push({ path, message: `is not defined in ${where} (known: ${[...known].sort().join(", ")})`, value });
  };
  problems.push(...costExporterSettingsProblems(settings, pricing));
  requireKey("/cost/defaultGpuType", settings.cost.defaultGpuType, Object.keys(pricing.gpu.gpuTypes), "pricing/gpu.yaml");
  const { knownPacks, componentPacks = {} } = options;
  if (knownPacks !== undefined) {
    settings.packs.forEach((pack, index) => {
      const component = Object.hasOwn(componentPacks, pack) && !knownPacks.includes(pack) ? componentPacks[pack] : undefined;
      if (component === undefined) requireKey(`/packs/${index}`, pack, knownPacks, "the pack registry");
      else
        problems.push({
          path: `/packs/${index}`,
          message: `is not chosen in packs: it comes with the component ${component} and is in effect wherever that is deployed (README "Packs"); packs chooses among ${[...knownPacks].sort().join(", ")}`,
          value: pack,
        });
    });
  }
  if (/^kube-|^default$/.test(settings.namespace)) {
    problems.push({
      path: "/namespace",
      message: "is a system namespace: the stack puts a default-deny ingress NetworkPolicy and its own Pod Security labels into its namespace; use a namespace of its own",
      value: settings.namespace,
    });
  }
  problems.push(...urlSettingsProblems(settings));
  for (const check of options.checks ?? []) problems.push(...check(settings));
  return problems;
}
