/** Prometheus durations (`15s`, `5m`, `30d`) as used in the environment schema. */
export const UNIT_SECONDS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

export const DURATION = /^([0-9]+)(ms|s|m|h|d|w|y)$/;

export function durationSeconds(duration: string): number {
  const match = DURATION.exec(duration);
  if (!match) throw new Error(`not a duration: ${JSON.stringify(duration)}`);
  return Number(match[1]) * (UNIT_SECONDS[match[2] as string] ?? Number.NaN);
}

/** Shortest exact Prometheus duration, e.g. 3600 -> `1h`, 90 -> `90s`, 0.5 -> `500ms`. */
export function formatDuration(seconds: number): string {
  if (!Number.isInteger(seconds)) return `${Math.round(seconds * 1000)}ms`;
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60]] as const) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
