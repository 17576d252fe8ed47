import type { StackPlan } from "../../../src/model/stack-model.js";
import { dcgmJob } from "../../../rules/core/selectors.js";
import { variableMatcher } from "../../common.js";

/** Matchers of the GPU fleet's `$node` and `$gpu_model` variables on DCGM and `nf_gpu_*` series. */
export const SELECTED_GPUS = [variableMatcher("node"), variableMatcher("modelName", "gpu_model")] as const;

/** The same on raw DCGM series, of the one exporter job the rules read (a second exporter would draw every GPU twice). */
export function selectedDcgm(stack: StackPlan): string[] {
  return [`job="${dcgmJob(stack)}"`, ...SELECTED_GPUS];
}
