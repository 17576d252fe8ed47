import { MINUTE, type FleetSeries } from "./fleet.js";
import { keyLabels, writeRequestBody, type WriteSeries } from "./remote-write.js";

/**
 * How much of the fleet's recent history the bench's Prometheus holds in its head, as one that has run
 * for hours does. That head is cut into a block once it spans 3 h, at the first 2-hour boundary after
 * its oldest sample (tsdb/head.go `compactable`, tsdb/db.go `Compact` and `rangeForTimestamp` @ v2.42.0),
 * so it always keeps more than the last hour, and a rule's range of up to an hour reads the head alone.
 * With the history in backfilled blocks only, every such query also opened the blocks, for all of its
 * selectors (promql/engine.go `execEvalStmt`): measured, the same instant expression over every GPU
 * cost twice as much beside an hour's range. 70 minutes: the hour and the first evaluations' margin.
 */
export const HEAD_HISTORY_MS = 70 * MINUTE;

/** Series per remote-write request, and requests in flight. */
const SERIES_PER_REQUEST = 4000;
const REQUESTS_IN_FLIGHT = 2;
/**
 * Slices of history written in time order: the head takes no sample older than an hour before its
 * newest (tsdb/head_append.go `appendableMinValidTime` @ v2.42.0), so a series' hour cannot go in one piece.
 */
const SLICE_MS = 10 * MINUTE;
const SCRAPE_ALIGN_MS = 15_000;

/**
 * The part of the fleet's history older than the head's span, as series whose history ends there:
 * `cachedHistory(blockHistory(series), endMs - HEAD_HISTORY_MS)` keeps it in blocks.
 */
export function blockHistory(fleet: readonly FleetSeries[]): FleetSeries[] {
  return fleet.filter((s) => s.historyMs > HEAD_HISTORY_MS).map((s) => ({ ...s, historyMs: s.historyMs - HEAD_HISTORY_MS }));
}

/** What was written into the head. */
export interface HeadHistory {
  readonly series: number;
  readonly samples: number;
  readonly seconds: number;
}

/**
 * Writes each series' history from `fromMs` (or its own start, `endMs` less its history) up to now
 * through Prometheus' remote-write receiver, in slices of 10 minutes: the blocks end at `fromMs`,
 * and the head holds the rest. Called before any scrape or rule writes a newer sample.
 */
export async function writeHeadHistory(baseUrl: string, fleet: readonly FleetSeries[], fromMs: number, endMs: number): Promise<HeadHistory> {
  const started = performance.now();
  const withHistory = fleet.filter((s) => s.historyMs > 0).map((s) => ({ series: s, labels: keyLabels(s.key), startMs: Math.max(fromMs, endMs - s.historyMs) }));
  let samples = 0;
  // Up to now, not to `endMs`: the first scrape then continues each series without a gap.
  for (let from = withHistory.reduce((earliest, s) => Math.min(earliest, s.startMs), Infinity); ; ) {
    const to = Math.min(from + SLICE_MS, Math.floor(Date.now() / SCRAPE_ALIGN_MS) * SCRAPE_ALIGN_MS);
    if (to <= from || withHistory.length === 0) break;
    const slice: WriteSeries[] = [];
    for (const { series, labels, startMs } of withHistory) {
      const points: Array<[number, number]> = [];
      for (let t = Math.ceil(Math.max(from, startMs) / series.stepMs) * series.stepMs; t < to; t += series.stepMs) points.push([t, series.value(t)]);
      if (points.length > 0) slice.push({ labels, samples: points });
      samples += points.length;
    }
    await writeAll(baseUrl, slice);
    from = to;
  }
  return { series: withHistory.length, samples, seconds: (performance.now() - started) / 1000 };
}

async function writeAll(baseUrl: string, series: readonly WriteSeries[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < series.length) {
      const batch = series.slice(next, (next += SERIES_PER_REQUEST));
      const response = await fetch(`${baseUrl}/api/v1/write`, {
        method: "POST",
        headers: { "content-type": "application/x-protobuf", "content-encoding": "snappy", "x-prometheus-remote-write-version": "0.1.0" },
        body: writeRequestBody(batch),
      });
      if (!response.ok) throw new Error(`remote write of ${batch.length} series was refused (${response.status}): ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: REQUESTS_IN_FLIGHT }, worker));
}
