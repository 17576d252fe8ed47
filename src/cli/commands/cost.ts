import { loadEnvironments, DEFAULT_ENVIRONMENT } from "../../config/load-environments.js";
import { loadPricing } from "../../config/load-pricing.js";
import { projectPaths } from "../../config/project-paths.js";
import { calculateCost, type CostBreakdown } from "../../cost/model.js";
import { LOAD_OPTIONS } from "../../synth/load-options.js";
import { nonNegativeNumber, parseOptions, type Command } from "../command.js";
import { UsageError } from "../usage-error.js";

const usage = `Usage: nfops cost --energy-kwh KWH --gpu-hours HOURS [--region R] [--gpu-type T] [--env NAME] [--json]

One-shot cost and CO2 of a job: energy (IT kWh, PUE applied), energy cost, GPU cost, total cost
in USD and CO2 in kg, with the pricing entries used. Region and GPU type default to the
environment's (--env, default "${DEFAULT_ENVIRONMENT}").`;

export const costCommand: Command = {
  summary: "one-shot energy, cost (USD) and CO2 (kg) from pricing/*.yaml",
  usage,
  async run(argv) {
    const options = parseOptions(argv, {
      "energy-kwh": { type: "string" },
      "gpu-hours": { type: "string" },
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
    const energyKwh = nonNegativeNumber("energy-kwh", options["energy-kwh"]);
    const gpuHours = nonNegativeNumber("gpu-hours", options["gpu-hours"]);
    const paths = projectPaths(options.root ?? process.cwd());
    const pricing = loadPricing(paths);
    const envName = options.env ?? DEFAULT_ENVIRONMENT;
    const environment = loadEnvironments(paths, pricing, LOAD_OPTIONS).find((e) => e.name === envName);
    if (!environment) throw new UsageError(`unknown environment ${JSON.stringify(envName)}`);
    const breakdown = calculateCost(
      {
        energyKwh,
        gpuHours,
        region: options.region ?? environment.settings.region,
        gpuType: options["gpu-type"] ?? environment.settings.cost.defaultGpuType,
      },
      pricing,
    );
    console.log(options.json ? JSON.stringify(rounded(breakdown), null, 2) : formatText(breakdown));
    return 0;
  },
};

/** Micro-unit rounding for display only, so 1.0752499999999998 prints as 1.07525. */
function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v))) as T;
}

function formatText(b: CostBreakdown): string {
  const r = rounded(b);
  return [
    `energy:        ${r.energyKwh} kWh IT x PUE ${r.pricing.pue} = ${r.facilityEnergyKwh} kWh`,
    `energy cost:   ${r.energyCostUsd} USD  (${r.pricing.priceUsdPerKwh} USD/kWh, ${r.pricing.region})`,
    `GPU cost:      ${r.gpuCostUsd} USD  (${r.pricing.gpuUsdPerHour} USD/h, ${r.pricing.gpuType})`,
    `total cost:    ${r.totalCostUsd} USD`,
    `CO2:           ${r.co2Kg} kg  (${r.pricing.carbonIntensityGPerKwh} g/kWh)`,
    `sources:       ${r.pricing.sources.electricity}`,
    `               ${r.pricing.sources.gpu}`,
  ].join("\n");
}
