import type { FromSchema } from "json-schema-to-ts";
import type { ConfigProblem } from "./errors.js";
import type { Pricing } from "./pricing-schema.js";
import { optionalDnsSubdomain } from "../settings/schema-shapes.js";
import { urlProblem } from "./url-checks.js";

/**
 * What the cost exporter reads of an environment: `region` and `costExporter`. The environment
 * schema composes these two properties; the exporter's ConfigMap holds only them, validated by
 * `costExporterSettingsSchema`, so a threshold or budget change neither restarts the exporter
 * nor shows up in its manifests.
 */

export const regionSetting = {
  type: "string",
  minLength: 1,
  default: "us-east-1",
  description:
    "Region whose electricity price, grid carbon intensity and PUE apply; must be a key of `regions` in `pricing/electricity.yaml`.",
} as const;

export const costExporterBlock = {
  type: "object",
  additionalProperties: false,
  default: {},
  description: "The nfops cost/CO2 exporter (`nfops exporter`).",
  properties: {
    port: { type: "integer", minimum: 1024, maximum: 65535, default: 9464, description: "HTTP port of `/metrics`, `/healthz` and `/readyz`." },
    priceMaxAgeDays: {
      type: "integer",
      minimum: 1,
      maximum: 3650,
      default: 120,
      description:
        "Age of a price's `date` in pricing/*.yaml beyond which PricingOutdated fires (default about a quarter and a month: providers and clouds change prices often).",
    },
    reloadCheckSeconds: {
      type: "integer",
      minimum: 1,
      maximum: 3600,
      default: 30,
      description: "Period of the pricing-file check that backs up the file watch (ConfigMap updates swap a symlink, which watches can miss).",
    },
    liveCarbonIntensity: {
      type: "object",
      additionalProperties: false,
      default: {},
      description:
        "Optional live grid carbon intensity provider, asked for the environment's `region` only (other regions stay static). When disabled, down or slow, the static figure from `pricing/electricity.yaml` is published.",
      properties: {
        enabled: { type: "boolean", default: false, description: "Query the provider." },
        url: {
          type: "string",
          maxLength: 2048,
          default: "",
          description: "Provider URL (http or https, required when enabled); `{region}` is replaced by the region key. The response must be JSON with a numeric `carbonIntensity` (g CO2e/kWh).",
        },
        tokenSecretName: {
          ...optionalDnsSubdomain,
          default: "",
          description:
            "Secret (created by the user) whose key `token` is sent as a bearer token; mounted at `/etc/nfops/carbon-token/token`, never put in `dist/`. Empty sends no token.",
        },
        timeoutMs: { type: "integer", minimum: 100, maximum: 30000, default: 2000, description: "Per-request timeout; a scrape never waits longer." },
        cacheTtlSeconds: { type: "integer", minimum: 1, maximum: 86400, default: 300, description: "How long a provider answer is reused." },
      },
    },
  },
} as const;

/** The exporter's own sub-schema: the two properties above, nothing else. */
export const costExporterSettingsSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://nfops.dev/schemas/cost-exporter-settings.schema.json",
  title: "nfops cost exporter settings",
  description: "The part of an environment the cost exporter reads (`nfops exporter`); synthesis writes it as `<env>.yaml` into ConfigMap `nfops-cost-exporter-stacks`.",
  type: "object",
  additionalProperties: false,
  properties: { region: regionSetting, costExporter: costExporterBlock },
} as const;

/** The resolved settings the exporter runs with (defaults applied). */
export type CostExporterSettings = FromSchema<typeof costExporterSettingsSchema>;

/** Only the exporter's settings out of an environment's (whatever else it holds), in schema order. */
export function costExporterSettingsOf(settings: CostExporterSettings): CostExporterSettings {
  return { region: settings.region, costExporter: settings.costExporter };
}

/**
 * Rules the sub-schema cannot state, checked wherever these settings are loaded (synthesis and the
 * exporter alike): the region must be priced, and a live carbon provider needs a usable URL.
 */
export function costExporterSettingsProblems(settings: CostExporterSettings, pricing: Pricing): Omit<ConfigProblem, "file" | "line" | "column">[] {
  const problems: Omit<ConfigProblem, "file" | "line" | "column">[] = [];
  const regions = Object.keys(pricing.electricity.regions);
  if (!regions.includes(settings.region)) {
    problems.push({ path: "/region", message: `is not defined in pricing/electricity.yaml (known: ${regions.sort().join(", ")})`, value: settings.region });
  }
  const live = settings.costExporter.liveCarbonIntensity;
  const urlPath = "/costExporter/liveCarbonIntensity/url";
  if (live.enabled && !/^https?:\/\/[^\s/]+/.test(live.url)) {
    problems.push({ path: urlPath, message: "must be an http(s) URL when liveCarbonIntensity is enabled", value: live.url });
  }
  const credentials = urlProblem(live.url, "put the token in the Secret named by costExporter.liveCarbonIntensity.tokenSecretName (key `token`)");
  if (credentials !== undefined) problems.push({ path: urlPath, message: credentials, value: live.url });
  return problems;
}
