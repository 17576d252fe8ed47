import type { FromSchema } from "json-schema-to-ts";
import { httpUrl } from "../settings/schema-shapes.js";

/** JSON Schemas of `pricing/electricity.yaml`, `pricing/gpu.yaml` and `pricing/llm.yaml`, and the types derived from them. */

const positive = { type: "number", exclusiveMinimum: 0 } as const;
const isoDate = { type: "string", format: "date" } as const;
const pricingKey = { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 63 } as const;
/**
 * An LLM provider's model id as its API names it (`gpt-4o-mini`, `claude-sonnet-4-20250514`,
 * `models/gemini-2.5-flash`, `anthropic.claude-3-5-haiku-20241022-v1:0`): it becomes the `model`
 * label value, so no quotes, backslashes, spaces or control characters that a selector would need
 * to escape.
 */
const llmModelId = { type: "string", pattern: "^[A-Za-z0-9][-A-Za-z0-9._:/@+]*$", maxLength: 256 } as const;
/** `HH:MM`, 24-hour clock. */
const clockTime = { type: "string", pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$" } as const;

export const electricitySchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://nfops.dev/schemas/electricity.schema.json",
  title: "nfops-observability electricity pricing",
  description: "Grid electricity price, carbon intensity and data-centre PUE per region.",
  type: "object",
  additionalProperties: false,
  required: ["regions"],
  properties: {
    regions: {
      type: "object",
      minProperties: 1,
      propertyNames: pricingKey,
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["description", "priceUsdPerKwh", "carbonIntensityGPerKwh", "pue", "source", "date"],
        properties: {
          description: { type: "string", minLength: 1, description: "Human name of the region and its grid." },
          priceUsdPerKwh: { ...positive, description: "Electricity price in USD per kWh (flat rate)." },
          carbonIntensityGPerKwh: { ...positive, description: "Grid carbon intensity in g CO2e per kWh." },
          pue: { type: "number", minimum: 1, maximum: 5, description: "Power usage effectiveness (facility / IT energy)." },
          source: { type: "string", minLength: 1, description: "Where each figure comes from." },
          date: { ...isoDate, description: "When the figures were published or taken (YYYY-MM-DD)." },
          timeOfUse: {
            type: "array",
            description:
              "Optional time-of-use schedule: the first window that contains the current time (in `timezone`) overrides `priceUsdPerKwh`.",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["from", "to", "priceUsdPerKwh"],
              properties: {
                from: { ...clockTime, description: "Start of the window, inclusive." },
                to: { ...clockTime, description: "End of the window, exclusive; earlier than `from` wraps midnight." },
                days: {
                  type: "array",
                  uniqueItems: true,
                  items: { type: "string", enum: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] },
                  description: "Days the window applies; all days when omitted.",
                },
                priceUsdPerKwh: { ...positive, description: "Price in USD per kWh inside the window." },
              },
            },
          },
          timezone: {
            type: "string",
            minLength: 1,
            description: "IANA time zone of the `timeOfUse` windows, e.g. `Europe/Paris`. Defaults to UTC.",
          },
        },
      },
    },
  },
} as const;

export const gpuSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://nfops.dev/schemas/gpu.schema.json",
  title: "nfops-observability GPU pricing",
  description: "Hourly price per GPU type and the DCGM `modelName` strings each type matches.",
  type: "object",
  additionalProperties: false,
  required: ["gpuTypes"],
  properties: {
    gpuTypes: {
      type: "object",
      minProperties: 1,
      propertyNames: pricingKey,
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["description", "usdPerHour", "dcgmModelNames", "tdpWatts", "source", "date"],
        properties: {
          description: { type: "string", minLength: 1, description: "Human name of the GPU type." },
          usdPerHour: { ...positive, description: "Price of one GPU for one hour, USD." },
          dcgmModelNames: {
            type: "array",
            minItems: 1,
            uniqueItems: true,
            items: { type: "string", minLength: 1 },
            description: "Exact `modelName` label values dcgm-exporter reports for this type.",
          },
          tdpWatts: { ...positive, description: "Board power limit (TDP) in watts." },
          source: { type: "string", minLength: 1, description: "Where each figure comes from." },
          date: { ...isoDate, description: "When the figures were published or taken (YYYY-MM-DD)." },
        },
      },
    },
  },
} as const;

export const llmSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://nfops.dev/schemas/llm.schema.json",
  title: "nfops-observability LLM token pricing",
  description: "List price per million prompt and completion tokens of each provider's models, with the page and date each figure was read.",
  type: "object",
  additionalProperties: false,
  required: ["providers"],
  properties: {
    providers: {
      type: "object",
      minProperties: 1,
      propertyNames: pricingKey,
      description: "Providers by the `provider` label applications put on `nf_llm_*` series (`openai`, `anthropic`, ...).",
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["models"],
        properties: {
          models: {
            type: "object",
            minProperties: 1,
            propertyNames: llmModelId,
            description: "Models by their API model id, exactly as the `model` label carries it.",
            additionalProperties: {
              type: "object",
              additionalProperties: false,
              required: ["promptUsdPerMillion", "completionUsdPerMillion", "source", "date"],
              properties: {
                promptUsdPerMillion: { type: "number", minimum: 0, description: "List price of one million prompt (input) tokens, USD." },
                completionUsdPerMillion: { type: "number", minimum: 0, description: "List price of one million completion (output) tokens, USD." },
                source: { ...httpUrl, description: "URL of the public page both prices were read from." },
                date: { ...isoDate, description: "When the prices were read on that page (YYYY-MM-DD)." },
              },
            },
          },
        },
      },
    },
  },
} as const;

export type ElectricityPricing = FromSchema<typeof electricitySchema>;
export type RegionPricing = ElectricityPricing["regions"][string];
export type TimeOfUseWindow = NonNullable<RegionPricing["timeOfUse"]>[number];
export type GpuPricingFile = FromSchema<typeof gpuSchema>;
export type GpuTypePricing = GpuPricingFile["gpuTypes"][string];

export type LlmPricingFile = FromSchema<typeof llmSchema>;

/** The pricing files, validated and cross-checked. */
export interface Pricing {
  readonly electricity: ElectricityPricing;
  readonly gpu: GpuPricingFile;
  /** `llm.yaml`, which is optional: undefined when the file does not exist (no LLM prices are published). */
  readonly llm?: LlmPricingFile;
}
