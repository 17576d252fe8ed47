import { duration } from "./schema-shapes.js";

/** The `core` pack's budgets, GPU, energy, node and cost-model settings. Composed into the environment schema. */
export const coreSettingsSchema = {
  budgets: {
    type: "object",
    additionalProperties: false,
    default: {},
    description: "Weekly budgets evaluated by `CostBudgetExceeded` and `CO2BudgetExceeded` over the last 7 days.",
    properties: {
      weeklyCostUsd: {
        type: "number",
        exclusiveMinimum: 0,
        default: 1000,
        description: "Weekly cost budget in USD (energy cost plus GPU-hours at the hourly price).",
      },
      weeklyCo2Kg: {
        type: "number",
        exclusiveMinimum: 0,
        default: 100,
        description: "Weekly emissions budget in kg CO2e.",
      },
    },
  },
  gpu: {
    type: "object",
    additionalProperties: false,
    default: {},
    description: "GPU accounting and alert settings.",
    properties: {
      exporter: {
        type: "string",
        enum: ["deploy", "existing"],
        default: "deploy",
        description:
          "`deploy` runs this stack's dcgm-exporter; `existing` uses the one the NVIDIA GPU Operator already runs (no second exporter is deployed) and every GPU rule reads `gpu.existingExporterJob`. Either way the rules read exactly one exporter job, so two exporters on one GPU never double energy or cost.",
      },
      existingExporterJob: {
        type: "string",
        pattern: "^[a-zA-Z0-9_.:-]+$",
        default: "nvidia-dcgm-exporter",
        description:
          "Job label of the existing exporter's series (`gpu.exporter: existing`); the GPU Operator's Service and ServiceMonitor are named `nvidia-dcgm-exporter`. The standalone profile scrapes that Service itself under this job name.",
      },
      applicationXids: {
        type: "array",
        items: { type: "integer", minimum: 1, maximum: 999 },
        uniqueItems: true,
        default: [13, 31, 43],
        description:
          "XID codes caused by the application (13 graphics engine exception, 31 MMU fault, 43 channel stopped by the driver): the job fails, the GPU is fine. `GPUXidErrors` leaves them out; they stay visible on the GPU dashboard.",
      },
      hardwareXids: {
        type: "array",
        items: { type: "integer", minimum: 1, maximum: 999 },
        uniqueItems: true,
        default: [48, 63, 64, 74, 79, 94, 95],
        description:
          "XID codes that mean the GPU or its links are failing (48 double-bit ECC, 63/64 row remapping, 74 NVLink, 79 fallen off the bus, 94/95 contained and uncontained ECC): `GPUXidErrors` labels them `xid_class=\"hardware\"` and the runbook says to drain the node. Codes in neither list are `unclassified`.",
      },
      lowUtilizationPercent: {
        type: "number",
        exclusiveMinimum: 0,
        maximum: 100,
        default: 20,
        description: "A GPU held by a pod that averages less than this utilisation is reported (`GPUUtilizationLow`).",
      },
      lowUtilizationWindow: {
        ...duration("10m", "7d"),
        default: "1h",
        description: "Window over which `GPUUtilizationLow` averages utilisation; the alert also waits half of it before firing.",
      },
      zombieMemoryMiB: {
        type: "integer",
        minimum: 0,
        default: 512,
        description:
          "Framebuffer memory in use (MiB) above which a GPU that no pod holds is a zombie (`ZombieGPUProcess`). The driver itself keeps a few MiB.",
      },
      temperatureCelsius: {
        type: "number",
        exclusiveMinimum: 0,
        default: 85,
        description: "GPU temperature above which `GPUTemperatureHigh` fires.",
      },
      memoryNearlyFullPercent: {
        type: "number",
        exclusiveMinimum: 0,
        maximum: 100,
        default: 95,
        description: "Framebuffer use (% of total) above which `GPUMemoryNearlyFull` fires.",
      },
    },
  },
  energy: {
    type: "object",
    additionalProperties: false,
    default: {},
    description: "Energy sources beyond the GPUs.",
    properties: {
      kepler: {
        type: "boolean",
        default: false,
        description:
          "Read Kepler's per-pod CPU package and DRAM joules (`kepler_pod_cpu_joules_total`, when the cluster runs Kepler) and add them per namespace to `codecarbon_energy_kwh`, `nf_co2_kg` and `nf_cost_usd` with `source=\"cpu\"` and `source=\"dram\"`. The standalone profile then scrapes Kepler's Service (`app.kubernetes.io/name=kepler`, any namespace).",
      },
    },
  },
  nodes: {
    type: "object",
    additionalProperties: false,
    default: {},
    description: "Node resource alert thresholds (the original monitoring guide's HighCPUUsage, HighMemoryUsage, DiskFull).",
    properties: {
      cpuPercent: { type: "number", exclusiveMinimum: 0, maximum: 100, default: 80, description: "CPU busy % sustained for 10 minutes (`HighCPUUsage`)." },
      memoryPercent: { type: "number", exclusiveMinimum: 0, maximum: 100, default: 90, description: "Memory in use % sustained for 5 minutes (`HighMemoryUsage`)." },
      diskPercent: { type: "number", exclusiveMinimum: 0, maximum: 100, default: 95, description: "Filesystem space in use % (`DiskFull`, critical)." },
    },
  },
  cost: {
    type: "object",
    additionalProperties: false,
    default: {},
    description: "Cost model settings.",
    properties: {
      defaultGpuType: {
        type: "string",
        default: "nvidia-a100-80gb",
        description: "GPU type (a key of `gpuTypes` in `pricing/gpu.yaml`) used by `nfops cost` when `--gpu-type` is not given.",
      },
    },
  },
} as const;
