import { variableMatcher } from "../../common.js";

/** Matchers of the `$namespace` and `$gpu_model` variables on the hourly roll-ups. */
export const SELECTED = [variableMatcher("namespace"), variableMatcher("gpu_model")] as const;
