import { loadEnvironments, DEFAULT_ENVIRONMENT } from "../../config/load-environments.js";
import { loadPricing } from "../../config/load-pricing.js";
import { projectPaths } from "../../config/project-paths.js";
import type { GpuTypePricing } from "../../config/pricing-schema.js";
import { migShare } from "../../cost/mig.js";
import { calculateCost, lookupGpuType, type CostBreakdown, type EnergyInput } from "../../cost/model.js";
import { nonNegativeNumber, parseOptions, type Command } from "../command.js";
import { UsageError } from "../usage-error.js";

const usage = `Usage: nfops cost (--energy-kwh KWH | --utilization PCT) --gpu-hours HOURS
                  [--mig-profile P | --shared-by N] [--region R] [--gpu-type T] [--env NAME] [--json]

One-shot cost and CO2 of a job, by the rules the recording layer applies: energy (IT kWh, PUE
applied), energy cost, GPU cost, total cost in USD and CO2 in kg, with the pricing entries used.

  --energy-kwh     IT energy of the GPUs the job ran on (DCGM counter or power readings)
  --utilization    no energy measured: estimate it as the GPU type's tdpWatts x utilisation %
                   x hours (the rules' method "tdp_estimate")
  --gpu-hours      hours the job held its GPUs
  --mig-profile    the job held one MIG instance (e.g. 1g.10gb): it pays N/7 of the GPU's hours
                   and energy for a <N>g profile (N/4 on an A30)
  --shared-by      the job shared each GPU with N-1 other pods (time-slicing, MPS): it pays 1/N

Region and GPU type default to the environment's (--env, default "${DEFAULT_ENVIRONMENT}").`;

export const costCommand: Command = {
  usage,
  async run(argv) {
    const options = parseOptions(argv, {
      "energy-kwh": { type: "string" },
      "gpu-hours": { type: "string" },
      utilization: { type: "string" },
      "mig-profile": { type: "string" },
      "shared-by": { type: "string" },
      region: { type: "string" },
      "gpu-type": { type: "string" },
      env: { type: "string" },
      json: { type: "boolean" },
      root: { type: "string" },
    });
    if (options.help) {
      console.log(usage);
      return 0;
    }
    const energy = energyInput(options["energy-kwh"], options.utilization);
    const gpuHours = nonNegativeNumber("gpu-hours", options["gpu-hours"]);
    const paths = projectPaths(options.root ?? process.cwd());
    const pricing = loadPricing(paths);
    const envName = options.env ?? DEFAULT_ENVIRONMENT;
    // Schema validation only: the stack checks of components and packs would load the synthesis code
    // (cdk8s, the Grafana SDK) for a one-shot calculation that reads just the region and GPU type.
    const environment = loadEnvironments(paths, pricing).find((e) => e.name === envName);
    if (!environment) throw new UsageError(`unknown environment ${JSON.stringify(envName)}`);
    const gpuType = options["gpu-type"] ?? environment.settings.cost.defaultGpuType;
    const breakdown = calculateCost(
      {
        ...energy,
        gpuHours,
        share: gpuShare(options["mig-profile"], options["shared-by"], lookupGpuType(pricing, gpuType)),
        region: options.region ?? environment.settings.region,
        gpuType,
      },
      pricing,
    );
    console.log(options.json ? JSON.stringify(rounded(breakdown), null, 2) : formatText(breakdown));
    return 0;
  },
};

function energyInput(energyKwh: string | undefined, utilization: string | undefined): EnergyInput {
  if (energyKwh !== undefined && utilization !== undefined) throw new UsageError("give --energy-kwh or --utilization, not both");
  if (utilization !== undefined) {
    const percent = nonNegativeNumber("utilization", utilization);
    if (percent > 100) throw new UsageError(`--utilization is a percentage of 0 to 100 (value: ${JSON.stringify(utilization)})`);
    return { utilizationPercent: percent };
  }
  if (energyKwh === undefined) throw new UsageError("--energy-kwh (or --utilization, to estimate it) is required");
  return { energyKwh: nonNegativeNumber("energy-kwh", energyKwh) };
}

/** The job's share of each GPU: a MIG instance's slices of the GPU's model (its first DCGM model name), or 1 of n sharing pods. */
function gpuShare(migProfile: string | undefined, sharedBy: string | undefined, gpu: GpuTypePricing): number {
  if (migProfile !== undefined && sharedBy !== undefined) throw new UsageError("give --mig-profile or --shared-by, not both");
  if (migProfile !== undefined) {
    try {
      return migShare(migProfile, gpu.dcgmModelNames[0] ?? "");
    } catch (error) {
      throw new UsageError(`--mig-profile: ${(error as Error).message}`);
    }
  }
  if (sharedBy !== undefined) {
    const pods = Number(sharedBy);
    if (!Number.isInteger(pods) || pods < 1) throw new UsageError(`--shared-by must be a whole number of pods, 1 or more (value: ${JSON.stringify(sharedBy)})`);
    return 1 / pods;
  }
  return 1;
}

/** Micro-unit rounding for display only, so 1.0752499999999998 prints as 1.07525. */
function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v))) as T;
}

function formatText(b: CostBreakdown): string {
  const r = rounded(b);
  const method = r.energyMethod === "tdp_estimate" ? ` (estimated: TDP ${r.pricing.gpuTdpWatts} W x utilisation x hours)` : "";
  return [
    ...(r.share !== 1 ? [`share:         ${r.share} of each GPU's hours and energy`] : []),
    `energy:        ${r.energyKwh} kWh IT${method} x PUE ${r.pricing.pue} = ${r.facilityEnergyKwh} kWh`,
    `energy cost:   ${r.energyCostUsd} USD  (${r.pricing.priceUsdPerKwh} USD/kWh, ${r.pricing.region})`,
    `GPU cost:      ${r.gpuCostUsd} USD  (${r.gpuHours} GPU-hours x ${r.pricing.gpuUsdPerHour} USD/h, ${r.pricing.gpuType})`,
    `total cost:    ${r.totalCostUsd} USD`,
    `CO2:           ${r.co2Kg} kg  (${r.pricing.carbonIntensityGPerKwh} g/kWh)`,
    `sources:       ${r.pricing.sources.electricity}`,
    `               ${r.pricing.sources.gpu}`,
  ].join("\n");
}
