import type { Environment } from "../config/environment-schema.js";

export const PART_OF = "nfops-observability";
export const MANAGED_BY = "nfops";

/**
 * The `app.kubernetes.io/*` labels of one component's objects, derived in this one place.
 * Selectors use `selectorLabels` (no version), so an upgrade never changes an immutable selector.
 */
export function componentLabels(environment: Environment, component: string, version?: string): Record<string, string> {
  return {
    ...selectorLabels(environment, component),
    "app.kubernetes.io/part-of": PART_OF,
    "app.kubernetes.io/managed-by": MANAGED_BY,
    ...(version ? { "app.kubernetes.io/version": version } : {}),
  };
}

export function selectorLabels(environment: Environment, component: string): Record<string, string> {
  return {
    "app.kubernetes.io/name": component,
    "app.kubernetes.io/instance": environment.name,
  };
}
