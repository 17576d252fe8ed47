import type { EnvironmentSettings } from "../config/environment-schema.js";
import type { SettingsProblem } from "../config/load-environments.js";
import type { PackDefinition } from "../model/stack-model.js";
import type { StackPlan } from "../model/stack-model.js";
import { benchmarkPack } from "./benchmark.js";
import { corePack } from "./core.js";
import { llmPack } from "./llm.js";

/**
 * The packs an environment may choose by name in `packs`, in the order their files and dashboards
 * are listed. Adding a pack is its folders (`rules/<pack>/`, `dashboards/<pack>/`), its definition
 * in this folder, and one line here. Packs that come with a component are in its definition.
 */
export const PACKS: Readonly<Record<string, PackDefinition>> = {
  core: corePack,
  llm: llmPack,
  benchmark: benchmarkPack,
};

/** Names accepted in `packs`. */
export const PACK_NAMES: readonly string[] = Object.keys(PACKS);

/**
 * The packs in effect for an environment: the selected ones in registry order (whatever order the
 * file lists them in), then the packs of its deployed components in table order (unless the pack's
 * `inEffectWhen` says no).
 */
export function packsInEffect(settings: EnvironmentSettings, stack: StackPlan): PackDefinition[] {
  const selected = new Set<string>(settings.packs);
  const brought = stack.deployed.flatMap((component) => component.pack ?? []).filter((pack) => pack.inEffectWhen?.(settings) ?? true);
  return [...Object.values(PACKS).filter((pack) => selected.has(pack.name)), ...brought];
}

/** Packs selected without a pack they `require`: one located error each, naming what they read from it. */
export function checkPackRequirements(settings: EnvironmentSettings): SettingsProblem[] {
  return settings.packs.flatMap((name) =>
    (Object.hasOwn(PACKS, name) ? (PACKS[name]?.requires ?? []) : [])
      .filter((requirement) => !settings.packs.includes(requirement.pack))
      .map((requirement) => ({
        path: "/packs",
        message: `selects ${name} without ${requirement.pack}: ${requirement.because}; use packs: [${requirement.pack}, ${name}]`,
        value: settings.packs,
      })),
  );
}
