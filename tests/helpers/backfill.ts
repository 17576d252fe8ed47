import { spawnSync } from "node:child_process";
import { closeSync, openSync, rmSync, writeSync } from "node:fs";

export interface BackfillOptions {
  /** Where the OpenMetrics text is written on its way to promtool; removed afterwards. */
  readonly scratchFile: string;
  /** promtool's `--max-block-duration`: longer blocks, fewer passes over a long history. */
  readonly maxBlockDuration?: string;
}

/**
 * Turns samples into TSDB blocks in `dataDir` with `promtool tsdb create-blocks-from openmetrics`,
 * so a real Prometheus started on that directory serves days of history at once. `lines` are
 * OpenMetrics sample lines (`name{labels} value unix-seconds\n`) grouped by series, as the format
 * requires; they are streamed to disk, so a bench's gigabytes never sit in memory.
 */
export function backfillOpenMetrics(dataDir: string, lines: Iterable<string>, options: BackfillOptions): void {
  const fd = openSync(options.scratchFile, "w");
  try {
    let buffer: string[] = [];
    for (const line of lines) {
      buffer.push(line);
      if (buffer.length >= 50_000) {
        writeSync(fd, buffer.join(""));
        buffer = [];
      }
    }
    buffer.push("# EOF\n");
    writeSync(fd, buffer.join(""));
  } finally {
    closeSync(fd);
  }
  const blockDuration = options.maxBlockDuration ? [`--max-block-duration=${options.maxBlockDuration}`] : [];
  const run = spawnSync("promtool", ["tsdb", "create-blocks-from", "openmetrics", ...blockDuration, options.scratchFile, dataDir], { encoding: "utf8" });
  rmSync(options.scratchFile);
  if (run.status !== 0) throw new Error(`promtool backfill of ${options.scratchFile} failed: ${(run.stderr || run.stdout).slice(-2000)}`);
}
