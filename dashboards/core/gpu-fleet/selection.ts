import { variableMatcher } from "../../common.js";

/** Matchers of the GPU fleet's `$node` and `$gpu_model` variables on DCGM and `nf_gpu_*` series. */
export const SELECTED_GPUS = [variableMatcher("node"), variableMatcher("modelName", "gpu_model")] as const;
