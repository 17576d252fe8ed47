import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchmarkExposition, sampleCount } from "../src/bench/exposition.js";
import type { BenchmarkResults } from "../src/bench/load-results.js";
import { groupUrl, pushExposition } from "../src/bench/push.js";
import { repositoryRoot } from "../src/config/project-paths.js";
import { loadTestStack } from "../tests/helpers/component-objects.js";
import { writeLoopbackPrometheus } from "../tests/helpers/loopback-prometheus.js";
import { eventually } from "../tests/helpers/eventually.js";
import { freePort, queryPrometheus, startProcess } from "../tests/helpers/processes.js";
import type { BenchResult } from "./stats.js";

const CLOCK_TICKS_PER_SECOND = 100;
const PUSH_EVERY_MS = 5_000;
const BENCHMARKS = 20;
const ITERATIONS = 200;

/**
 * Self-overhead of the benchmark collection path at a 1 s scrape: a real Pushgateway holding a
 * suite of BENCHMARKS benchmarks (pushed again every 5 s, as a busy CI would), and a real Prometheus
 * with the bench environment's configuration scraping it (and itself) every second — once without
 * rules (the collection path itself, what the design's < 3 % CPU and < 100 MB are about), once with
 * every rule of the bench environment evaluated each second (the whole server). CPU is each
 * process's user + system time over the window as % of one core; RSS is read at the end.
 */
export async function benchBenchmark(windowSeconds = 60): Promise<BenchResult[]> {
  return [...(await measure(windowSeconds, false)), ...(await measure(windowSeconds, true))];
}

async function measure(windowSeconds: number, withRules: boolean): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "nfops-bench-benchmark-"));
  const [promPort, gatewayPort] = [await freePort(), await freePort()];
  const { stack, artifacts } = loadTestStack(readFileSync(join(repositoryRoot, "stacks/bench.yaml"), "utf8"), "bench");
  const job = (name: string, port: number) => [{ targets: [`127.0.0.1:${port}`], labels: { __meta_kubernetes_service_name: name, __meta_kubernetes_endpointslice_port_name: "http-metrics" } }];
  const configFile = writeLoopbackPrometheus(dir, stack, withRules ? artifacts.ruleFiles : [], { prometheus: job("prometheus", promPort), pushgateway: job("pushgateway", gatewayPort) });

  const gateway = startProcess("prometheus-pushgateway", [`--web.listen-address=127.0.0.1:${gatewayPort}`, `--persistence.file=${join(dir, "pushgateway.db")}`, "--persistence.interval=1m"]);
  const prometheus = startProcess("prometheus", [`--config.file=${configFile}`, `--storage.tsdb.path=${join(dir, "data")}`, `--web.listen-address=127.0.0.1:${promPort}`]);
  const url = groupUrl(`http://127.0.0.1:${gatewayPort}`, "perf-suite", []);
  const body = await benchmarkExposition(suite());
  try {
    await eventually(async () => expectUp(await queryPrometheus(`http://127.0.0.1:${promPort}`, 'up{job="pushgateway"} == 1')), 30_000);
    await pushExposition(url, body, { method: "PUT", timeoutMs: 5_000 });
    // Let start-up settle (WAL creation, first rule evaluations) before measuring.
    await sleep(10_000);
    const before = { gateway: cpuSeconds(gateway.pid), prometheus: cpuSeconds(prometheus.pid) };
    const started = performance.now();
    while (performance.now() - started < windowSeconds * 1000) {
      await pushExposition(url, body, { method: "PUT", timeoutMs: 5_000 });
      await sleep(PUSH_EVERY_MS);
    }
    const elapsed = (performance.now() - started) / 1000;
    const percent = (now: number, then: number) => ((now - then) / elapsed) * 100;
    const gatewayCpu = percent(cpuSeconds(gateway.pid), before.gateway);
    const prometheusCpu = percent(cpuSeconds(prometheus.pid), before.prometheus);
    const [gatewayRss, prometheusRss] = [rssMb(gateway.pid), rssMb(prometheus.pid)];
    const samples = sampleCount(body);
    const window = `${elapsed.toFixed(0)} s at 1 s scrape, ${samples} pushed samples re-pushed every ${PUSH_EVERY_MS / 1000} s`;
    const run = withRules ? "with every bench rule each 1 s" : "collection only, no rules";
    return [
      { name: `benchmark (${run}): Pushgateway CPU`, value: gatewayCpu, unit: "%", note: `of one core, ${window}` },
      { name: `benchmark (${run}): Prometheus CPU`, value: prometheusCpu, unit: "%", note: "scraping the gateway and itself" },
      { name: `benchmark (${run}): Pushgateway + Prometheus CPU`, value: gatewayCpu + prometheusCpu, unit: "%", note: withRules ? "the whole server" : "target < 3 % of one core" },
      { name: `benchmark (${run}): Pushgateway RSS`, value: gatewayRss, unit: "MB", note: "" },
      { name: `benchmark (${run}): Prometheus RSS`, value: prometheusRss, unit: "MB", note: withRules ? "" : "target < 100 MB with the gateway; fresh TSDB (grows with series and retention)" },
    ];
  } finally {
    await prometheus.stop();
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A suite of BENCHMARKS benchmarks with ITERATIONS iterations each, every optional part filled in. */
function suite(): BenchmarkResults {
  return {
    commit: "c0ffee1",
    baselineVersion: "v0.3.0",
    environment: "bench",
    benchmarks: Array.from({ length: BENCHMARKS }, (_, b) => ({
      name: `benchmark_${b}`,
      iterationsMs: Array.from({ length: ITERATIONS }, (_, i) => 5 + ((b * 37 + i * 11) % 900)),
      speedup: { p50: 16, p95: 12, p99: 10.5 },
    })),
    memory: [{ process: "perf_suite", phase: "peak", mb: 420 }],
    cpu: [{ process: "perf_suite", core: "all", percent: 35 }],
    suiteDurationSeconds: 42,
    ci: { pipeline: "perf", branch: "main", trigger: "push", passed: true },
  };
}

function expectUp(samples: readonly unknown[]): void {
  if (samples.length === 0) throw new Error("the Pushgateway is not scraped yet");
}

/** utime + stime of a process, seconds (/proc/<pid>/stat fields 14 and 15). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
