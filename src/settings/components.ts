import { alertmanagerSettingsSchema } from "./alertmanager.js";
import { blackboxExporterSettingsSchema } from "./blackbox-exporter.js";
import { grafanaSettingsSchema } from "./grafana.js";
import { highAvailabilitySettingsSchema } from "./high-availability.js";
import { objectStorageSettingsSchema } from "./object-storage.js";
import { prometheusSettingsSchema } from "./prometheus.js";
import { thanosSettingsSchema } from "./thanos.js";

/**
 * The settings the components own, one file per component in this folder, in the order the
 * configuration reference lists them. A configurable component adds its settings file and one line
 * here (and its toggle in `components`). The cost exporter's block is `src/config/cost-exporter-settings.ts`,
 * which the exporter runtime reads too.
 */
export const COMPONENT_SETTINGS_SCHEMA = {
  ...alertmanagerSettingsSchema,
  ...blackboxExporterSettingsSchema,
  ...prometheusSettingsSchema,
  ...grafanaSettingsSchema,
  ...highAvailabilitySettingsSchema,
  ...thanosSettingsSchema,
  ...objectStorageSettingsSchema,
} as const;
