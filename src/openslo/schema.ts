/**
 * JSON Schema of the OpenSLO v1 documents `nfops slo import` reads: `SLO` and `SLI` (the other kinds
 * of the spec — DataSource, AlertPolicy, AlertCondition, AlertNotificationTarget, Service — are
 * rejected by `kind`). Written from the specification's text, OpenSLO/OpenSLO README.md
 * ("Specification", apiVersion openslo/v1) @ 4bd5b6e4d713: general schema (metadata.name RFC 1123,
 * labels, annotations), SLO (service, indicator | indicatorRef, timeWindow of exactly one item,
 * budgetingMethod, objectives with target [0, 1) or targetPercent [0, 100), op, value), SLI
 * (thresholdMetric | ratioMetric with counter, good | bad, total, rawType, raw; metricSource with
 * metricSourceRef, type and a free-form spec). What the spec allows but nfops cannot express
 * (calendar windows, timeslices, raw ratios, other metric sources) passes here and is refused by
 * the importer, naming why.
 */

/** Names: RFC 1123 at least, and the longer form the spec encourages (up to 255, also `.`, `|`, `/`, `\`). */
const OBJECT_NAME = { type: "string", pattern: "^[a-z0-9]([-a-z0-9.|/\\\\]*[a-z0-9])?$", maxLength: 255 } as const;

const metadata = {
  type: "object",
  required: ["name"],
  additionalProperties: false,
  properties: {
    name: OBJECT_NAME,
    displayName: { type: "string" },
    labels: { type: "object", additionalProperties: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] } },
    annotations: { type: "object", additionalProperties: { type: "string" } },
  },
} as const;

const metricSource = {
  type: "object",
  required: ["spec"],
  additionalProperties: false,
  properties: {
    metricSourceRef: { type: "string" },
    type: { type: "string" },
    spec: { type: "object" },
  },
} as const;

/** `{metricSource: …}`: one side of a ratio, or a threshold metric. */
const metric = { type: "object", required: ["metricSource"], additionalProperties: false, properties: { metricSource: metricSource } } as const;

const sliSpec = {
  type: "object",
  additionalProperties: false,
  properties: {
    description: { type: "string", maxLength: 1050 },
    thresholdMetric: metric,
    ratioMetric: {
      type: "object",
      additionalProperties: false,
      properties: {
        counter: { type: "boolean" },
        good: metric,
        bad: metric,
        total: metric,
        rawType: { enum: ["success", "failure"] },
        raw: metric,
      },
    },
  },
} as const;

const objective = {
  type: "object",
  additionalProperties: false,
  properties: {
    displayName: { type: "string" },
    op: { enum: ["lte", "gte", "lt", "gt"] },
    value: { type: "number" },
    target: { type: "number", minimum: 0, exclusiveMaximum: 1 },
    targetPercent: { type: "number", minimum: 0, exclusiveMaximum: 100 },
    timeSliceTarget: { type: "number", minimum: 0, maximum: 1 },
    timeSliceWindow: { anyOf: [{ type: "number" }, { type: "string" }] },
    // v1 lets an objective carry its own indicator; the SLO's is the one nfops reads.
    indicator: { type: "object" },
    indicatorRef: { type: "string" },
    compositeWeight: { type: "number" },
  },
} as const;

/** The spec's duration shorthand: a positive integer and one of m h d w M Q Y. */
const DURATION_SHORTHAND = "^[1-9][0-9]*[mhdwMQY]$";

const sloSpec = {
  type: "object",
  required: ["service", "budgetingMethod", "objectives"],
  additionalProperties: false,
  properties: {
    description: { type: "string", maxLength: 1050 },
    service: { type: "string", minLength: 1 },
    indicator: { type: "object", required: ["metadata", "spec"], additionalProperties: false, properties: { metadata, spec: sliSpec } },
    indicatorRef: { type: "string" },
    timeWindow: {
      type: "array",
      minItems: 1,
      maxItems: 1,
      items: {
        type: "object",
        required: ["duration"],
        additionalProperties: false,
        properties: {
          duration: { type: "string", pattern: DURATION_SHORTHAND },
          isRolling: { type: "boolean" },
          calendar: { type: "object" },
        },
      },
    },
    budgetingMethod: { enum: ["Occurrences", "Timeslices", "RatioTimeslices"] },
    objectives: { type: "array", minItems: 1, items: objective },
    alertPolicies: { type: "array" },
  },
} as const;

/** One file: a list of documents, each an SLO or an SLI. */
export const openSloDocumentsSchema = {
  $id: "https://nfops.dev/schemas/openslo-v1-documents.json",
  type: "array",
  minItems: 1,
  items: {
    type: "object",
    required: ["apiVersion", "kind", "metadata", "spec"],
    additionalProperties: false,
    properties: {
      apiVersion: { const: "openslo/v1" },
      kind: { enum: ["SLO", "SLI"] },
      metadata,
      spec: { type: "object" },
    },
    allOf: [
      { if: { type: "object", required: ["kind"], properties: { kind: { const: "SLO" } } }, then: { type: "object", properties: { spec: sloSpec } } },
      { if: { type: "object", required: ["kind"], properties: { kind: { const: "SLI" } } }, then: { type: "object", properties: { spec: sliSpec } } },
    ],
  },
} as const;
