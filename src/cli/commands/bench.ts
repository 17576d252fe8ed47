import { benchmarkExposition, sampleCount } from "../../bench/exposition.js";
import { loadBenchmarkResults } from "../../bench/load-results.js";
import { groupUrl, parseGrouping, pushExposition } from "../../bench/push.js";
import { parseOptions, type Command } from "../command.js";
import { withoutCredentials } from "../../http/bounded-fetch.js";
import { timeoutSeconds } from "../prometheus-options.js";
import { UsageError } from "../usage-error.js";

const DEFAULT_TIMEOUT_SECONDS = 10;

const usage = `Usage: nfops bench push --gateway URL --job NAME --file results.json
                        [--grouping key=value]... [--method put|post] [--timeout-seconds N] [--dry-run]

Validates a benchmark results file (schema: dist/schemas/benchmark-results.schema.json) and pushes
the benchmark metric contract it describes to a Prometheus Pushgateway in one request:
execution-time histograms over every iteration, speed-ups, detected regressions at the run's
commit, memory and CPU, the suite duration and the CI result.

  --gateway    Pushgateway base URL, e.g. http://pushgateway.nfops-monitoring.svc:9091
  --job        the group's job label (e.g. the benchmark suite or CI job)
  --grouping   further labels of the group, e.g. --grouping runner=gpu-a100 (repeatable)
  --method     put (default) replaces the whole group, so a run replaces the last run's results;
               post replaces only the metric names this push carries
  --dry-run    validate and print the text that would be pushed; send nothing

An invalid file (also two memory or CPU readings with the same labels) is reported as
file:line:col: /path: message (value: …) and nothing is pushed, nor printed by --dry-run. A
refused or failed push names the URL and the gateway's status; the gateway keeps what it had.`;

export const benchCommand: Command = {
  usage,
  async run(argv) {
    const [action, ...rest] = argv;
    if (action === "push") return push(rest);
    if (action === undefined || action === "--help" || action === "-h") {
      console.log(usage);
      return action === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown bench action ${JSON.stringify(action)} (expected push)`);
  },
};

async function push(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv, {
    gateway: { type: "string" },
    job: { type: "string" },
    file: { type: "string" },
    grouping: { type: "string", multiple: true },
    method: { type: "string" },
    "timeout-seconds": { type: "string" },
    "dry-run": { type: "boolean" },
  });
  if (options.help) {
    console.log(usage);
    return 0;
  }
  for (const name of ["gateway", "job", "file"] as const) {
    if (options[name] === undefined) throw new UsageError(`--${name} is required`);
  }
  const method = (options.method ?? "put").toUpperCase();
  if (method !== "PUT" && method !== "POST") throw new UsageError(`--method must be put or post (value: ${JSON.stringify(options.method)})`);
  const timeout = timeoutSeconds(options["timeout-seconds"], DEFAULT_TIMEOUT_SECONDS, "--timeout-seconds");
  let url: string;
  try {
    if (!/^https?:\/\/[^\s/]+/.test(options.gateway ?? "")) throw new Error(`--gateway must be an http(s) URL (value: ${JSON.stringify(withoutCredentials(options.gateway ?? ""))})`);
    url = groupUrl(options.gateway as string, options.job as string, parseGrouping(options.grouping ?? []));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // Everything is checked and rendered before the one request: an invalid file pushes nothing.
  const body = await benchmarkExposition(loadBenchmarkResults(options.file as string));
  if (options["dry-run"]) {
    process.stdout.write(body);
    return 0;
  }
  await pushExposition(url, body, { method, timeoutMs: timeout * 1000 });
  console.log(`pushed ${sampleCount(body)} samples to ${withoutCredentials(url)}`);
  return 0;
}
