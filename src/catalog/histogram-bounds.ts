/**
 * Which bucket bound of a histogram a threshold that a person typed names. A threshold must be a
 * bound (the share of events under any other value could only be interpolated); bounds nobody can
 * type exactly (TGI's 0.1 ms × 1.5ⁿ) are matched within a relative tolerance instead.
 */

/** A histogram's bounds, their unit in milliseconds, and how close a typed value must come to one. */
export interface HistogramBounds {
  /** Upper bounds as the server writes them (`le`), ascending, without `+Inf`. */
  readonly buckets: readonly number[];
  readonly millisecondsPerUnit: number;
  /** Relative distance (0.005 = 0.5 %) within which a typed value names a bound; 0 means exactly. */
  readonly tolerance: number;
}

export type BoundMatch =
  /** `bound` in the histogram's unit, `boundMs` in ms; `exact` false when the tolerance matched it. */
  | { readonly found: true; readonly bound: number; readonly boundMs: number; readonly exact: boolean }
  /** The bounds in ms either side of the value (one is undefined below the first or above the last). */
  | { readonly found: false; readonly below: number | undefined; readonly above: number | undefined };

/** A bound in milliseconds to 12 significant digits: what people write and read back. */
function toMs(bound: number, millisecondsPerUnit: number): number {
  return Number((bound * millisecondsPerUnit).toPrecision(12));
}

export function boundsMs(histogram: HistogramBounds): number[] {
  return histogram.buckets.map((bound) => toMs(bound, histogram.millisecondsPerUnit));
}

/** The bound a threshold in milliseconds names, or the bounds either side of it. */
export function matchBound(histogram: HistogramBounds, thresholdMs: number): BoundMatch {
  const typed = Number(thresholdMs.toPrecision(12));
  const all = boundsMs(histogram);
  const index = all.findIndex((ms) => ms === typed || Math.abs(ms - typed) <= histogram.tolerance * ms);
  if (index >= 0) {
    const boundMs = all[index]!;
    return { found: true, bound: histogram.buckets[index]!, boundMs, exact: boundMs === typed };
  }
  return { found: false, below: all.filter((ms) => ms < typed).at(-1), above: all.find((ms) => ms > typed) };
}

/** "nearest bounds: 500 and 750 ms", or the one bound there is on that side; `format` turns ms into `unit`. */
export function nearestBoundsText(match: Extract<BoundMatch, { found: false }>, format: (ms: number) => string, unit = "ms"): string {
  const sides = [match.below, match.above].filter((ms): ms is number => ms !== undefined).map(format);
  return sides.length === 2 ? `nearest bounds: ${sides[0]} and ${sides[1]} ${unit}` : `nearest bound: ${sides[0]} ${unit}`;
}
