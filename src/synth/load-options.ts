import { COMPONENTS, stackPlan } from "../components/component-table.js";
import type { LoadOptions } from "../config/load-environments.js";
import { checkPackRequirements, PACK_NAMES, PACKS } from "../packs/registry.js";
import { checkAlertOverrides } from "./alert-override-checks.js";

/** The validation the layers above the configuration add when environments are loaded: pack names, the packs each selected pack requires, and the settings checks of each component and each selected pack. */
export const LOAD_OPTIONS: LoadOptions = {
  knownPacks: PACK_NAMES,
  componentPacks: Object.fromEntries(COMPONENTS.flatMap((component) => (component.pack ? [[component.pack.name, component.key]] : []))),
  checks: [
    (settings) => {
      const stack = stackPlan(settings);
      return COMPONENTS.flatMap((component) => component.checkSettings?.(stack) ?? []);
    },
    checkPackRequirements,
    (settings) => settings.packs.flatMap((name) => (Object.hasOwn(PACKS, name) ? (PACKS[name]?.checkSettings?.(settings) ?? []) : [])),
    checkAlertOverrides,
  ],
};
