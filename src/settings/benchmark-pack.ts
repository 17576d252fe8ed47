import { dnsLabel, duration, gibibytes } from "./schema-shapes.js";

/** The `benchmark` pack's settings. Composed into the environment schema. */
export const benchmarkSettingsSchema = {
  benchmark: {
    type: "object",
    additionalProperties: false,
    default: {},
    description:
      "Thresholds and timing of the `benchmark` pack (`packs: [core, benchmark]`; docs/benchmark-playbook.md), and who may push results to the Pushgateway.",
    properties: {
      minSpeedup: {
        type: "number",
        exclusiveMinimum: 0,
        default: 10,
        description: "p50 `speedup_ratio` against the baseline below which `CriticalPerformanceRegression` pages.",
      },
      targetSpeedup: {
        type: "number",
        exclusiveMinimum: 0,
        default: 15,
        description: "p50 `speedup_ratio` below which `PerformanceBelowTarget` warns; must not be below `minSpeedup`.",
      },
      memoryMb: {
        type: "number",
        exclusiveMinimum: 0,
        default: 1000,
        description: "`memory_usage_mb` of a benchmark process and phase above which `BenchmarkMemoryHigh` fires.",
      },
      ciFailureRatio: {
        type: "number",
        exclusiveMinimum: 0,
        exclusiveMaximum: 1,
        default: 0.2,
        description: "Share of the last hour during which a pipeline's latest result was a failure (`ci_pipeline_status` = 0), above which `HighCIFailureRate` fires.",
      },
      for: {
        type: "object",
        additionalProperties: false,
        default: {},
        description:
          "How long each condition must hold before its alert fires (`0s` fires at the first evaluation). `alerts.<Name>.for` still overrides these.",
        properties: {
          CriticalPerformanceRegression: { ...duration("0s", "1d"), default: "5m", description: "`for` of `CriticalPerformanceRegression`." },
          PerformanceBelowTarget: { ...duration("0s", "1d"), default: "15m", description: "`for` of `PerformanceBelowTarget`." },
          BenchmarkMemoryHigh: { ...duration("0s", "1d"), default: "10m", description: "`for` of `BenchmarkMemoryHigh`." },
          HighCIFailureRate: { ...duration("0s", "1d"), default: "30m", description: "`for` of `HighCIFailureRate`." },
          PerformanceRegressionDetected: {
            ...duration("0s", "1d"),
            default: "0s",
            description: "`for` of `PerformanceRegressionDetected`: a detected regression is an event, reported at once.",
          },
        },
      },
      allowedPushNamespaces: {
        type: "array",
        items: dnsLabel,
        uniqueItems: true,
        default: [],
        description:
          "Namespaces whose pods may push to the Pushgateway (CI runners, benchmark jobs); pods of the stack's own namespace always may. Empty allows the stack's namespace only.",
      },
      pushgatewayStorageGiB: { ...gibibytes, default: 1, description: "Volume holding the Pushgateway's pushed groups across restarts (`--persistence.file`)." },
      dashboardRefresh: {
        ...duration("1s", "1d"),
        default: "1m",
        description: "Auto-refresh of the Performance Overview dashboard; the benchmark environment sets `5s`. Grafana's `min_refresh_interval` (default 5s) bounds it.",
      },
    },
  },
} as const;
