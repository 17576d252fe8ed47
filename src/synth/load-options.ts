import { COMPONENTS, stackPlan } from "../components/component-table.js";
import type { LoadOptions } from "../config/load-environments.js";
import { PACK_NAMES } from "../packs/registry.js";

/** The validation the layers above the configuration add when environments are loaded: pack names, and each component's own settings checks. */
export const LOAD_OPTIONS: LoadOptions = {
  knownPacks: PACK_NAMES,
  checks: [
    (settings) => {
      const stack = stackPlan(settings);
      return COMPONENTS.flatMap((component) => component.checkSettings?.(stack) ?? []);
    },
  ],
};
