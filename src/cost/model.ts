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

export interface CostInput {
  /** IT energy consumed, kWh (before PUE). */
  readonly energyKwh: number;
  readonly gpuHours: number;
  readonly region: string;
  readonly gpuType: string;
}

export interface CostBreakdown {
  readonly energyKwh: number;
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
    readonly sources: { readonly electricity: string; readonly gpu: string };
  };
}

/** The original system's one-shot calculation, at the flat (not time-of-use) price of the region. */
export function calculateCost(input: CostInput, pricing: Pricing): CostBreakdown {
  const region = lookupRegion(pricing, input.region);
  const gpu = lookupGpuType(pricing, input.gpuType);
  const facilityKwh = facilityEnergyKwh(input.energyKwh, region.pue);
  const energyUsd = energyCostUsd(facilityKwh, region.priceUsdPerKwh);
  const gpuUsd = gpuCostUsd(input.gpuHours, gpu.usdPerHour);
  return {
    energyKwh: input.energyKwh,
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
