import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { cpus } from "node:os";
import type { FleetSeries } from "./fleet.js";

/**
 * The fleet's backfilled history, kept between bench runs: TSDB blocks in a cache directory keyed by
 * the fleet's series (names, labels, history, spacing and values), so a second run, and a run of
 * other rules over the same fleet, reuse them. The 10,000-GPU fleet's history is gigabytes of
 * OpenMetrics text and most of the bench's time; a later run only adds the samples between the
 * cache's end and now (at most each series' own history), as one more block, and drops blocks that
 * ended before the longest history. `NFOPS_BENCH_CACHE` names the cache directory
 * (default `~/.cache/nfops-bench`); delete it to start over.
 */
export interface CachedHistory {
  /** The cache entry's blocks, up to `endMs`: hard-link them into a TSDB directory. */
  readonly blocksDir: string;
  /** Seconds spent writing history in this run (0 when the cache was up to date). */
  readonly backfillSeconds: number;
  /** Whether blocks of an earlier run were reused. */
  readonly reused: boolean;
  /** Where the blocks end: the `endMs` asked for, or later when an earlier run was asked for a later end. */
  readonly endMs: number;
}

/** Bump when the way history is written changes, so older cache entries are not reused. */
const CACHE_FORMAT = 1;
/** promtool's `--max-block-duration`: one block per chunk for hours of history, a few for a week. */
const BLOCK_DURATION = "162h";
/** Series per OpenMetrics file: promtool reads each file whole, and two run side by side. */
const SERIES_PER_CHUNK = 50_000;

export function cacheRoot(): string {
  return process.env.NFOPS_BENCH_CACHE ?? join(homedir(), ".cache", "nfops-bench");
}

/** The cache entry of a fleet: what changes any sample of its history changes the key. */
function fleetKey(series: readonly FleetSeries[]): string {
  const hash = createHash("sha256").update(`format ${CACHE_FORMAT}\n`);
  for (const s of series) hash.update(`${s.key} ${s.historyMs} ${s.stepMs} ${s.value(0)} ${s.value(1e12)}\n`);
  return hash.digest("hex").slice(0, 16);
}

/** Brings the fleet's cached history up to `endMs` (a multiple of every step) and returns where its blocks are. */
export async function cachedHistory(fleet: readonly FleetSeries[], endMs: number): Promise<CachedHistory> {
  const withHistory = fleet.filter((s) => s.historyMs > 0);
  // Named by the series with history alone: a series only scraped live adds nothing to the blocks.
  const entry = join(cacheRoot(), `fleet-${withHistory.length}-series-${fleetKey(withHistory)}`);
  const blocksDir = join(entry, "blocks");
  const endFile = join(entry, "end.json");
  mkdirSync(blocksDir, { recursive: true });
  const cachedEnd = existsSync(endFile) ? (JSON.parse(readFileSync(endFile, "utf8")) as { endMs: number }).endMs : undefined;
  if (cachedEnd !== undefined && cachedEnd >= endMs) return { blocksDir, backfillSeconds: 0, reused: true, endMs: cachedEnd };
  const started = performance.now();
  const longest = withHistory.reduce((most, s) => Math.max(most, s.historyMs), 0);
  // Samples each series lacks: from the cache's end (or its whole history) to now, on its own step grid.
  const from = (s: FleetSeries) => Math.ceil(Math.max(endMs - s.historyMs, cachedEnd ?? -Infinity) / s.stepMs) * s.stepMs;
  const missing = withHistory.filter((s) => from(s) < endMs);
  const scratch = join(entry, "scratch");
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch);
  try {
    const chunks = Array.from({ length: Math.ceil(missing.length / SERIES_PER_CHUNK) }, (_, i) => missing.slice(i * SERIES_PER_CHUNK, (i + 1) * SERIES_PER_CHUNK));
    // Long histories apart, so that the chunks of hours never get promtool's several passes over a week.
    const byLength = [...chunks.flatMap((chunk) => [chunk.filter((s) => endMs - from(s) <= 3 * 3_600_000), chunk.filter((s) => endMs - from(s) > 3 * 3_600_000)])].filter((c) => c.length > 0);
    const parallel = Math.max(1, Math.min(2, cpus().length));
    let next = 0;
    const worker = async () => {
      while (next < byLength.length) {
        const index = next++;
        await backfillChunk(join(scratch, `chunk-${index}`), byLength[index] as FleetSeries[], from, endMs);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    for (const chunkDir of readdirSync(scratch)) {
      const out = join(scratch, chunkDir, "blocks");
      for (const block of existsSync(out) ? readdirSync(out) : []) renameSync(join(out, block), join(blocksDir, block));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  // Blocks wholly older than the longest history are never read again.
  for (const block of readdirSync(blocksDir)) {
    const meta = join(blocksDir, block, "meta.json");
    if (existsSync(meta) && (JSON.parse(readFileSync(meta, "utf8")) as { maxTime: number }).maxTime < endMs - longest) rmSync(join(blocksDir, block), { recursive: true });
  }
  writeFileSync(endFile, JSON.stringify({ endMs }));
  return { blocksDir, backfillSeconds: (performance.now() - started) / 1000, reused: cachedEnd !== undefined, endMs };
}

/** One chunk of series: OpenMetrics text streamed to a file, turned into blocks by promtool. */
async function backfillChunk(dir: string, series: readonly FleetSeries[], from: (s: FleetSeries) => number, endMs: number): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "history.om");
  const out = createWriteStream(file);
  let buffer: string[] = [];
  for (const s of series) {
    for (let t = from(s); t < endMs; t += s.stepMs) buffer.push(`${s.key} ${s.value(t)} ${t / 1000}\n`);
    if (buffer.length >= 50_000) {
      if (!out.write(buffer.join(""))) await once(out, "drain");
      buffer = [];
    }
  }
  buffer.push("# EOF\n");
  out.end(buffer.join(""));
  await once(out, "finish");
  const promtool = spawn("promtool", ["tsdb", "create-blocks-from", "openmetrics", `--max-block-duration=${BLOCK_DURATION}`, file, join(dir, "blocks")], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  promtool.stderr.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-2000)));
  const [code] = (await once(promtool, "exit")) as [number | null];
  rmSync(file);
  if (code !== 0) throw new Error(`promtool backfill of ${file} failed: ${log}`);
}
