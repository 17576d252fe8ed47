import { variableMatcher } from "../../common.js";

/** Matchers of the `$namespace` and `$service` variables. */
export const SELECTED = [variableMatcher("namespace"), variableMatcher("service")] as const;

/** Labels that identify one inference service. */
export const PER_SERVICE = ["namespace", "service"] as const;
export const PER_SERVICE_LEGEND = "{{namespace}}/{{service}}";

/** The latency objective is a p95: at least this share of requests must be faster than it. */
export const LATENCY_OBJECTIVE_QUANTILE = 0.95;
