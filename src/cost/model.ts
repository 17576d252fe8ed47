import type { GpuTypePricing, Pricing, RegionPricing, TimeOfUseWindow } from "../config/pricing-schema.js";

/**
 * The cost and CO2 model as pure functions. Units are in every name. Prometheus recording rules
 * implement the same arithmetic over time series; these functions are the one-shot form used by
 * `nfops cost`, the exporter and the tests that check the rules.
 */

/** Facility energy: IT energy (what GPUs and servers draw) times the data centre's PUE. */
export function facilityEnergyKwh(itEnergyKwh: number, pue: number): number {
  return itEnergyKwh * pue;
}

export function energyCostUsd(facilityKwh: number, priceUsdPerKwh: number): number {
  return facilityKwh * priceUsdPerKwh;
}

export function co2Kg(facilityKwh: number, carbonIntensityGPerKwh: number): number {
  return (facilityKwh * carbonIntensityGPerKwh) / 1000;
}

export function gpuCostUsd(gpuHours: number, usdPerGpuHour: number): number {
  return gpuHours * usdPerGpuHour;
}

/**
 * GPU energy estimated from the board power limit, for GPUs with neither an energy counter nor a
 * power reading: TDP x utilisation x hours (the rules' `method="tdp_estimate"`).
 */
export function tdpEstimateKwh(tdpWatts: number, utilizationPercent: number, hours: number): number {
  return (tdpWatts * (utilizationPercent / 100) * hours) / 1000;
}

/** How the job's IT energy was obtained: given (measured by counter or power reading) or estimated from TDP. */
export type EnergyInput = { readonly energyKwh: number } | { readonly utilizationPercent: number };

export type CostInput = EnergyInput & {
  /** Hours the job held its GPUs or GPU share. */
  readonly gpuHours: number;
  /**
   * Share of the physical GPUs the job held, as the recording rules charge it: 1 for whole GPUs,
   * 1/n for one of n pods sharing a GPU, N/7 for a MIG instance of profile `<N>g.*` (`migShare`).
   * Given energy is the energy of the whole devices; the job is charged this share of it.
   * @default 1
   */
  readonly share?: number;
  readonly region: string;
  readonly gpuType: string;
};

export interface CostBreakdown {
  /** IT energy charged to the job: its share of the devices' energy, given or estimated. */
  readonly energyKwh: number;
  readonly energyMethod: "given" | "tdp_estimate";
  readonly share: number;
  /** GPU-hours charged: hours x share. */
  readonly gpuHours: number;
  readonly facilityEnergyKwh: number;
  readonly energyCostUsd: number;
  readonly gpuCostUsd: number;
  readonly totalCostUsd: number;
  readonly co2Kg: number;
  readonly pricing: {
    readonly region: string;
    readonly priceUsdPerKwh: number;
    readonly carbonIntensityGPerKwh: number;
    readonly pue: number;
    readonly gpuType: string;
    readonly gpuUsdPerHour: number;
    readonly gpuTdpWatts: number;
    readonly sources: { readonly electricity: string; readonly gpu: string };
  };
}

/**
 * The original system's one-shot calculation, at the flat (not time-of-use) price of the region,
 * with the recording rules' sharing: a job on a share of a GPU pays that share of its hours and energy.
 */
export function calculateCost(input: CostInput, pricing: Pricing): CostBreakdown {
  const region = lookupRegion(pricing, input.region);
  const gpu = lookupGpuType(pricing, input.gpuType);
  const share = input.share ?? 1;
  if (!(share > 0 && share <= 1)) throw new RangeError(`a GPU share must be in (0, 1] (value: ${share})`);
  const deviceKwh = "energyKwh" in input ? input.energyKwh : tdpEstimateKwh(gpu.tdpWatts, input.utilizationPercent, input.gpuHours);
  const itKwh = deviceKwh * share;
  const chargedHours = input.gpuHours * share;
  const facilityKwh = facilityEnergyKwh(itKwh, region.pue);
  const energyUsd = energyCostUsd(facilityKwh, region.priceUsdPerKwh);
  const gpuUsd = gpuCostUsd(chargedHours, gpu.usdPerHour);
  return {
    energyKwh: itKwh,
    energyMethod: "energyKwh" in input ? "given" : "tdp_estimate",
    share,
    gpuHours: chargedHours,
    facilityEnergyKwh: facilityKwh,
    energyCostUsd: energyUsd,
    gpuCostUsd: gpuUsd,
    totalCostUsd: energyUsd + gpuUsd,
    co2Kg: co2Kg(facilityKwh, region.carbonIntensityGPerKwh),
    pricing: {
      region: input.region,
      priceUsdPerKwh: region.priceUsdPerKwh,
      carbonIntensityGPerKwh: region.carbonIntensityGPerKwh,
      pue: region.pue,
      gpuType: input.gpuType,
      gpuUsdPerHour: gpu.usdPerHour,
      gpuTdpWatts: gpu.tdpWatts,
      sources: { electricity: `${region.source} (${region.date})`, gpu: `${gpu.source} (${gpu.date})` },
    },
  };
}

export function lookupRegion(pricing: Pricing, region: string): RegionPricing {
  const entry = Object.hasOwn(pricing.electricity.regions, region) ? pricing.electricity.regions[region] : undefined;
  if (!entry) throw new UnknownPricingKeyError("region", region, Object.keys(pricing.electricity.regions));
  return entry;
}

export function lookupGpuType(pricing: Pricing, gpuType: string): GpuTypePricing {
  const entry = Object.hasOwn(pricing.gpu.gpuTypes, gpuType) ? pricing.gpu.gpuTypes[gpuType] : undefined;
  if (!entry) throw new UnknownPricingKeyError("GPU type", gpuType, Object.keys(pricing.gpu.gpuTypes));
  return entry;
}

export class UnknownPricingKeyError extends Error {
  constructor(what: string, value: string, known: string[]) {
    super(`unknown ${what} ${JSON.stringify(value)}; pricing defines: ${[...known].sort().join(", ")}`);
    this.name = "UnknownPricingKeyError";
  }
}

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/**
 * Price in effect at `at`: the first time-of-use window containing the local time of the
 * region's `timezone` (UTC by default), else the flat price. A window whose `to` is not after
 * `from` wraps past midnight and belongs to the day it starts on.
 */
export function priceUsdPerKwhAt(region: RegionPricing, at: Date): number {
  const windows = region.timeOfUse ?? [];
  if (windows.length === 0) return region.priceUsdPerKwh;
  const local = localTime(at, region.timezone ?? "UTC");
  const match = windows.find((window) => windowContains(window, local));
  return match ? match.priceUsdPerKwh : region.priceUsdPerKwh;
}

interface LocalTime {
  readonly minutes: number;
  readonly weekday: (typeof WEEKDAYS)[number];
  readonly previousWeekday: (typeof WEEKDAYS)[number];
}

function windowContains(window: TimeOfUseWindow, now: LocalTime): boolean {
  const from = toMinutes(window.from);
  const to = toMinutes(window.to);
  const appliesOn = (day: LocalTime["weekday"]) => !window.days || window.days.includes(day);
  if (from < to) return appliesOn(now.weekday) && now.minutes >= from && now.minutes < to;
  // Wrapping window, e.g. 22:00–06:00: the evening part on the start day, the morning part the day after.
  if (now.minutes >= from) return appliesOn(now.weekday);
  return now.minutes < to && appliesOn(now.previousWeekday);
}

function toMinutes(clock: string): number {
  const [hours, minutes] = clock.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function localTime(at: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const weekdayIndex = WEEKDAYS.indexOf(get("weekday").toLowerCase() as (typeof WEEKDAYS)[number]);
  return {
    minutes: Number(get("hour")) * 60 + Number(get("minute")),
    weekday: WEEKDAYS[weekdayIndex] ?? "sun",
    previousWeekday: WEEKDAYS[(weekdayIndex + 6) % 7] ?? "sat",
  };
}
