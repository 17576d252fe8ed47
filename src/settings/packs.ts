import { benchmarkSettingsSchema } from "./benchmark-pack.js";
import { coreSettingsSchema } from "./core-pack.js";
import { coreSloSettingsSchema } from "./core-slo-pack.js";
import { kubernetesSettingsSchema } from "./kubernetes-pack.js";
import { llmSettingsSchema } from "./llm-pack.js";

/**
 * The settings the packs own, one `<pack>-pack.ts` per pack in this folder, in the order the
 * configuration reference lists them. A configurable pack adds its file and one line here;
 * `src/config/environment-schema.ts` composes this object as it is. This folder sits below every
 * layer that reads the settings' type (the catalog, the model, the packs, the components), so it
 * imports nothing but its value shapes.
 */
export const PACK_SETTINGS_SCHEMA = {
  ...coreSettingsSchema,
  ...coreSloSettingsSchema,
  ...llmSettingsSchema,
  ...kubernetesSettingsSchema,
  ...benchmarkSettingsSchema,
} as const;
