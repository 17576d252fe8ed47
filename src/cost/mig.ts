/**
 * How a GPU in MIG mode is shared out: the one table that both the recording rules (as PromQL) and
 * `nfops cost` (as numbers) read. An instance of profile `<N>g.<memory>` holds N of the GPU's
 * compute slices, so it is charged N / slices of the GPU's hours and energy: a `1g.10gb` instance
 * of an H100 is 1/7 of it, a `3g.40gb` 3/7, a `4g.24gb` of an A30 the whole GPU.
 */

export interface MigLayout {
  /** DCGM `modelName` values it applies to, as an anchored regular expression (RE2 and JavaScript alike). */
  readonly modelPattern: string;
  /** Compute slices of one GPU. */
  readonly slices: number;
  /** Which GPUs, for the README. */
  readonly gpus: string;
}

/** First match wins: the A30 has 4 compute slices; A100, H100, H200 and Blackwell GPUs have 7. */
export const MIG_LAYOUTS: readonly MigLayout[] = [
  { modelPattern: "NVIDIA A30.*", slices: 4, gpus: "A30" },
  { modelPattern: ".+", slices: 7, gpus: "A100, H100, H200, B200 and every other model" },
];

/** A MIG profile's compute slices are the number before `g`: `1g.10gb`, `1g.10gb+me`, `7g.80gb`. */
const PROFILE = /^([1-9])g\./;

/** The share of its GPU that an instance of `profile` holds, on a GPU whose DCGM modelName is `modelName`. */
export function migShare(profile: string, modelName: string): number {
  const match = PROFILE.exec(profile);
  if (!match) throw new Error(`MIG profile ${JSON.stringify(profile)} does not start with <slices>g. (e.g. 1g.10gb)`);
  const layout = migLayout(modelName);
  const slices = Number(match[1]);
  if (slices > layout.slices) {
    throw new Error(`MIG profile ${profile} holds ${slices} compute slices, but ${modelName} has ${layout.slices}`);
  }
  return slices / layout.slices;
}

export function migLayout(modelName: string): MigLayout {
  const layout = MIG_LAYOUTS.find((l) => new RegExp(`^(?:${l.modelPattern})$`).test(modelName));
  if (!layout) throw new Error(`no MIG layout matches modelName ${JSON.stringify(modelName)}`);
  return layout;
}
