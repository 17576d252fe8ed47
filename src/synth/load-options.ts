import { COMPONENTS, stackPlan } from "../components/component-table.js";
import type { EnvironmentSettings } from "../config/environment-schema.js";
import type { LoadOptions, SettingsProblem } from "../config/load-environments.js";
import { compareCodePoints } from "../config/code-point-order.js";
import { PACK_NAMES, PACKS, packsInEffect } from "../packs/registry.js";

/** The validation the layers above the configuration add when environments are loaded: pack names, and the settings checks of each component and each selected pack. */
export const LOAD_OPTIONS: LoadOptions = {
  knownPacks: PACK_NAMES,
  componentPacks: Object.fromEntries(COMPONENTS.flatMap((component) => (component.pack ? [[component.pack.name, component.key]] : []))),
  checks: [
    (settings) => {
      const stack = stackPlan(settings);
      return COMPONENTS.flatMap((component) => component.checkSettings?.(stack) ?? []);
    },
    (settings) => settings.packs.flatMap((name) => (Object.hasOwn(PACKS, name) ? (PACKS[name]?.checkSettings?.(settings) ?? []) : [])),
    checkAlertOverrides,
  ],
};

/** `alerts.<AlertName>` must name an alert of the packs in effect (those of unknown packs are reported as such). */
function checkAlertOverrides(settings: EnvironmentSettings): SettingsProblem[] {
  const names = Object.keys(settings.alerts);
  if (names.length === 0 || settings.packs.some((name) => !Object.hasOwn(PACKS, name))) return [];
  const stack = stackPlan(settings);
  const packs = packsInEffect(settings, stack);
  const environment = { name: "(checking alerts)", source: "", settings };
  const known = new Set(
    packs.flatMap((pack) => pack.ruleFiles({ environment, stack, packs })).flatMap((file) => file.groups.flatMap((group) => group.rules.flatMap((rule) => rule.alert ?? []))),
  );
  return names
    .filter((name) => !known.has(name))
    .map((name) => ({ path: `/alerts/${name}`, message: `is not an alert of the packs in effect (known: ${[...known].sort(compareCodePoints).join(", ")})`, value: name }));
}
