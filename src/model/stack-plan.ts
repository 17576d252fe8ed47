import type { EnvironmentSettings } from "../config/environment-schema.js";
import { componentPort, type ComponentDefinition, type ComponentKey, type StackPlan } from "./stack-model.js";

/** The plan of an environment over a component table (`src/components/component-table.ts` passes its own). */
export function planStack(settings: EnvironmentSettings, table: readonly ComponentDefinition[]): StackPlan {
  const byKey = new Map(table.map((component) => [component.key, component]));
  // A toggle left out without a schema default follows the component's own rule (the Pushgateway
  // its pack), else its `deployedWhen` decides (Thanos: longTermStorage); `false` always turns it off.
  const enabled = (c: ComponentDefinition) => settings.components[c.key] ?? c.enabledByDefault?.(settings) ?? true;
  const deployed = table.filter((c) => enabled(c) && c.profiles.includes(settings.profile) && (c.deployedWhen?.(settings) ?? true));
  const component = (key: ComponentKey): ComponentDefinition => {
    const found = byKey.get(key);
    if (found === undefined) throw new Error(`component ${key} is missing from the component table`);
    return found;
  };
  const job = (key: ComponentKey) => component(key).name;
  const port = (key: ComponentKey) => componentPort(component(key), settings);
  return {
    settings,
    deployed,
    watched: table.filter((c) => deployed.includes(c) || (c.watchedWhen?.(settings) ?? false)),
    isDeployed: (key) => deployed.includes(component(key)),
    component,
    job,
    port,
    serviceUrl: (key) => `http://${job(key)}.${settings.namespace}.svc:${port(key)}`,
  };
}
