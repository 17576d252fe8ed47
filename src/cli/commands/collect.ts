import { takeHostSnapshot } from "../../collect/host-snapshot.js";
import { snapshotExposition } from "../../collect/snapshot-exposition.js";
import { writeFileAtomic } from "../../collect/write-file-atomic.js";
import { parseOptions, type Command } from "../command.js";
import { UsageError } from "../usage-error.js";

const DEFAULT_OUT = "monitor/metrics.txt";
const DEFAULT_CPU_SAMPLE_MS = 500;

const usage = `Usage: nfops collect [--out FILE] [--cpu-sample-ms MS]

One-shot snapshot of this host in Prometheus text format: nf_cpu_percent, nf_ram_used_gb and, when
nvidia-smi exists, nf_gpu_util and nf_vram_used_gb per GPU (labels as dcgm-exporter's).
The file is replaced atomically, so node-exporter's textfile collector can read it.

  --out FILE            where to write (default: ${DEFAULT_OUT}); "-" writes to stdout
  --cpu-sample-ms MS    CPU sampling interval (default: ${DEFAULT_CPU_SAMPLE_MS})`;

export const collectCommand: Command = {
  usage,
  async run(argv) {
    const options = parseOptions(argv, { out: { type: "string" }, "cpu-sample-ms": { type: "string" } });
    if (options.help) {
      console.log(usage);
      return 0;
    }
    const out = options.out ?? DEFAULT_OUT;
    const cpuSampleMs = sampleMs(options["cpu-sample-ms"]);
    const snapshot = await takeHostSnapshot({ cpuSampleMs });
    if (snapshot.gpuError) console.error(`nfops collect: warning: no GPU figures: ${snapshot.gpuError}`);
    const text = await snapshotExposition(snapshot);
    if (out === "-") {
      process.stdout.write(text);
      return 0;
    }
    writeFileAtomic(out, text);
    console.log(
      `${out}: CPU ${snapshot.cpuPercent.toFixed(1)} %, RAM ${snapshot.ramUsedGb.toFixed(2)} GB, ${snapshot.gpus.length} GPU(s) on ${snapshot.node}`,
    );
    return 0;
  },
};

function sampleMs(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_CPU_SAMPLE_MS;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 10 || value > 60_000) {
    throw new UsageError(`--cpu-sample-ms must be an integer from 10 to 60000 (value: ${JSON.stringify(raw)})`);
  }
  return value;
}
