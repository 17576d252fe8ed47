import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { durationSeconds } from "../src/config/duration.js";
import { loadEnvironments } from "../src/config/load-environments.js";
import { loadPricing } from "../src/config/load-pricing.js";
import { projectPaths } from "../src/config/project-paths.js";
import { ruleFileYaml } from "../src/model/artifacts.js";
import { ACCOUNTING_INTERVAL } from "../src/promql/windows.js";
import { stackContext } from "../src/synth/render-environment.js";
import { freePort } from "../tests/helpers/processes.js";
import { prometheusReady } from "../tests/helpers/prometheus-server.js";
import { MINUTE, syntheticFleet, type FleetSeries } from "./fleet.js";
import { blockHistory, HEAD_HISTORY_MS, writeHeadHistory, type HeadHistory } from "./head-history.js";
import { cachedHistory } from "./history-cache.js";
import { median, type BenchResult } from "./stats.js";

const CYCLE_MS = 15_000;
/** A large fleet's exposition takes seconds to build and parse on a loaded machine: up to the whole interval. */
const GLOBAL = { scrape_interval: "15s", scrape_timeout: "15s", evaluation_interval: "15s" };
/** Evaluations of every group that are measured, after the first ones (cold caches) are skipped. */
const MEASURED_EVALUATIONS = 6;
const SKIPPED_EVALUATIONS = 2;
/**
 * Groups evaluated this rarely (the GPU accounting chain every 4 minutes, the input checks every 5)
 * skip one evaluation and are measured over one: eight would keep every bench waiting half an hour.
 */
const SLOW_GROUP_SECONDS = durationSeconds(ACCOUNTING_INTERVAL);
const skippedOf = (interval: number) => (interval >= SLOW_GROUP_SECONDS ? 1 : SKIPPED_EVALUATIONS);

/**
 * Rule evaluation cost at fleet scale on a real Prometheus: the default environment's rule files,
 * a TSDB with the fleet's history (bench/fleet.ts: the hour of raw 15 s DCGM series per GPU the rules
 * read, 3 days of inference counters, a week of cost roll-ups), its last 70 minutes in the head
 * (bench/head-history.ts) and the rest in blocks backfilled with `promtool tsdb create-blocks-from
 * openmetrics` (kept in a cache between runs, bench/history-cache.ts), and a live target that
 * continues the same series every 15 s. Reported per group: the median of `evaluationTime`
 * from /api/v1/rules, and its cost per 15 s cycle (groups with a longer interval cost proportionally
 * less), in ms and in passes (each evaluation over the passes timed around it, `groupFigures`); then
 * the total per cycle and the five most expensive rules (every rule of some groups with
 * `NFOPS_BENCH_GROUP=<name prefix>`).
 */
// 1,000 GPUs by default. 10,000 (`npm run bench -- rules 1000,10000`): each run writes 34 million samples
// into the head (90 s here); the blocks (what is older: 17 MB) are written by the first run and reused by later ones.
export async function benchRules(fleets: readonly number[] = [1000]): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  // The kubernetes pack reads every pod's phase and requests, the GPU jobs' and the DaemonSets' here (its own fleet: `bench k8s`).
  const kubernetesPack = { name: "kubernetes pack (nfops-kubernetes-*)", groups: (group: string) => group.startsWith("nfops-kubernetes-") };
  for (const gpus of fleets) results.push(...(await benchRuleEvaluation({ label: `rules ${gpus} GPUs`, fleet: syntheticFleet(gpus), passSeries: "DCGM_FI_DEV_GPU_UTIL", share: kubernetesPack })));
  return results;
}

/** One rule-evaluation bench: a synthetic fleet, and which of the default environment's rule files run over it. */
export interface RuleBenchSpec {
  /** Start of every result line, e.g. `rules 1000 GPUs`. */
  readonly label: string;
  readonly fleet: readonly FleetSeries[];
  /**
   * Names of the rule files (`dist/<env>/rules/<name>.yaml`) Prometheus loads.
   * @default every rule file of the default environment
   */
  readonly ruleFiles?: readonly string[];
  /**
   * Evaluations of each group that are measured, after the first two.
   * @default 6
   */
  readonly measuredEvaluations?: number;
  /**
   * How long to wait for them; past it, groups evaluated at least three times are reported with the evaluations seen.
   * @default 15
   */
  readonly deadlineMinutes?: number;
  /**
   * The fleet's main series, e.g. `DCGM_FI_DEV_GPU_UTIL`: one pass over them (`count(<it>)` less
   * `vector(1)`, both timed by Prometheus itself with `stats=all`) is the unit every figure is also
   * given in, measured in the same Prometheus while the rules run (DESIGN §12).
   */
  readonly passSeries: string;
  /**
   * Also scrape Prometheus itself under this job name (the stack pack's alerts read its own series).
   * @default no self-scrape
   */
  readonly selfJob?: string;
  /**
   * Groups whose share of the whole cycle is reported as one more line, e.g. one pack's.
   * @default none
   */
  readonly share?: { readonly name: string; readonly groups: (group: string) => boolean };
}

/** Backfills the fleet's history, serves its live series, runs a real Prometheus with the rule files and reports per-group evaluation times. */
export async function benchRuleEvaluation(spec: RuleBenchSpec): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "nfops-rules-bench-"));
  const { fleet } = spec;
  const server = serveFleet(fleet);
  let prometheus: ReturnType<typeof spawn> | undefined;
  try {
    const ruleFiles = writeRuleFiles(dir, spec.ruleFiles);
    const end = Math.floor(Date.now() / MINUTE) * MINUTE;
    // Exposed and recorded series apart: what the rules record may change without rewriting the fleet's raw history.
    // The blocks hold what is older than the head's span; the head is written below.
    let backfillSeconds = 0;
    let blocksEnd = end - HEAD_HISTORY_MS;
    for (const part of [fleet.filter((s) => !s.recorded), fleet.filter((s) => s.recorded)]) {
      const history = await cachedHistory(blockHistory(part), end - HEAD_HISTORY_MS);
      linkBlocks(history.blocksDir, join(dir, "data"));
      backfillSeconds += history.backfillSeconds;
      blocksEnd = Math.max(blocksEnd, history.endMs);
    }
    if (!server.listening) await once(server, "listening");
    const targetPort = (server.address() as { port: number }).port;
    const port = await freePort();
    const config = join(dir, "prometheus.yml");
    // No rules and no scrapes until the head has its history: a newer sample would make the head refuse the older ones.
    writeFileSync(config, stringify({ global: GLOBAL }));
    prometheus = spawn(
      "prometheus",
      [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--storage.tsdb.retention.time=30d", "--web.enable-remote-write-receiver", "--web.enable-lifecycle"],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let log = "";
    prometheus.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForReady(baseUrl, () => log);
    const head = await writeHeadHistory(baseUrl, fleet, blocksEnd, end);
    writeFileSync(
      config,
      stringify({
        global: GLOBAL,
        rule_files: ruleFiles,
        scrape_configs: [
          ...Array.from({ length: shardCount(fleet) }, (_, shard) => ({
            job_name: `fleet-${shard}`,
            honor_labels: true,
            params: { shard: [String(shard)] },
            static_configs: [{ targets: [`127.0.0.1:${targetPort}`] }],
          })),
          ...(spec.selfJob !== undefined ? [{ job_name: spec.selfJob, static_configs: [{ targets: [`127.0.0.1:${port}`] }] }] : []),
        ],
      }),
    );
    const reload = await fetch(`${baseUrl}/-/reload`, { method: "POST" });
    if (!reload.ok) throw new Error(`prometheus did not load the rules and scrape configs (${reload.status}): ${await reload.text()}`);
    const settledAt = await waitForSettledStorage(baseUrl, () => log);
    // The pass is sampled all along the groups' measurement, so that both see the same load on a shared machine.
    const passes = new PassSampler(baseUrl, spec.passSeries);
    const measured = await measureGroups(baseUrl, () => log, spec.measuredEvaluations ?? MEASURED_EVALUATIONS, spec.deadlineMinutes ?? 15, settledAt).finally(() => passes.stop());
    const pass = await passes.result();
    return report(spec.label, fleet.length, { backfillSeconds, head }, measured.map((group) => groupFigures(group, pass)), pass, spec.share);
  } finally {
    prometheus?.kill("SIGTERM");
    if (prometheus && prometheus.exitCode === null) await once(prometheus, "exit");
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The rule files Prometheus loads: the default environment's, or with `NFOPS_BENCH_RULES=<dir>` the
 * `<name>.yaml` files of an earlier synth (e.g. main's `dist/default/rules`), to measure them over
 * the same cached fleet.
 */
function writeRuleFiles(dir: string, only?: readonly string[]): string[] {
  const fromDir = process.env.NFOPS_BENCH_RULES;
  if (fromDir) {
    const names = readdirSync(fromDir).filter((file) => file.endsWith(".yaml") && (!only || only.includes(file.replace(/\.yaml$/, ""))));
    return names.map((name) => {
      const path = join(dir, name);
      writeFileSync(path, readFileSync(join(fromDir, name)));
      return path;
    });
  }
  const paths = projectPaths();
  const pricing = loadPricing(paths);
  const environment = loadEnvironments(paths, pricing).find((e) => e.name === "default");
  if (!environment) throw new Error("no default environment");
  const files = stackContext({ environment, pricing }).artifacts.ruleFiles.filter((file) => !only || only.includes(file.name));
  if (only && files.length !== only.length) throw new Error(`the default environment has no rule file among ${only.join(", ")}`);
  return files.map((file) => {
    const path = join(dir, `${file.name}.yaml`);
    writeFileSync(path, ruleFileYaml(file));
    return path;
  });
}

/** The cached blocks as hard links: Prometheus only adds and deletes block directories, never rewrites their files. */
function linkBlocks(blocksDir: string, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  for (const block of readdirSync(blocksDir)) {
    const copy = spawnSync("cp", ["-al", join(blocksDir, block), join(dataDir, block)], { encoding: "utf8" });
    if (copy.status !== 0) throw new Error(`cannot link the cached block ${block}: ${copy.stderr}`);
  }
}

/** Series per scrape target: a cluster's series come from many targets (kube-state-metrics, each node's kubelet), scraped side by side. */
const SERIES_PER_TARGET = 100_000;
const shardCount = (fleet: readonly FleetSeries[]) => Math.max(1, Math.ceil(fleet.filter((s) => !s.recorded).length / SERIES_PER_TARGET));

/**
 * The live targets: every series a target exposes, at the time of the scrape, split into shards of
 * at most 100,000 series (`?shard=i`), each scraped as its own target: one exposition of a
 * 1,000-node cluster outlasts the scrape interval on a loaded machine.
 */
function serveFleet(fleet: readonly FleetSeries[]): Server {
  const exposed = fleet.filter((s) => !s.recorded);
  const count = shardCount(fleet);
  const shards = Array.from({ length: count }, (_, shard) => {
    const own = exposed.filter((_s, index) => index % count === shard);
    // Constant series are written once; the others at the time of each scrape.
    return { constant: own.filter((s) => s.constant).map((s) => `${s.key} ${s.value(0)}\n`).join(""), changing: own.filter((s) => !s.constant) };
  });
  return createServer((request, response) => {
    const now = Date.now();
    const shard = shards[Number(new URL(request.url ?? "/", "http://fleet").searchParams.get("shard") ?? 0)] ?? { constant: "", changing: [] };
    response.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
    response.write(shard.constant);
    response.end(shard.changing.map((s) => `${s.key} ${s.value(now)}\n`).join(""));
  }).listen(0, "127.0.0.1");
}

/** The evaluations of one group that are measured: past the skipped ones, oldest first. */
interface MeasuredGroup {
  readonly name: string;
  readonly intervalSeconds: number;
  readonly evaluations: readonly ApiGroup[];
}

/** A figure in ms (the median over the evaluations) and in passes (the median of each evaluation's time over the passes timed around it). */
interface Cost {
  readonly ms: number;
  readonly passes: number;
}

interface GroupFigures extends Cost {
  readonly name: string;
  readonly intervalSeconds: number;
  /** Evaluations the medians are taken over. */
  readonly evaluations: number;
  readonly rules: ReadonlyArray<Cost & { readonly name: string }>;
}

interface ApiGroup {
  name: string;
  interval: number;
  evaluationTime: number;
  lastEvaluation: string;
  rules: Array<{ name: string; evaluationTime: number; health: string; lastError?: string }>;
}

/**
 * Polls /api/v1/rules until every group has been evaluated often enough. At the deadline, a group
 * slower than its interval (Prometheus then skips evaluations) is reported with the evaluations seen,
 * if there was at least one after the skipped ones; otherwise the bench fails.
 */
async function measureGroups(baseUrl: string, log: () => string, measuredEvaluations: number, deadlineMinutes: number, since: number): Promise<MeasuredGroup[]> {
  const seen = new Map<string, { interval: number; evaluations: Map<string, ApiGroup> }>();
  const deadline = Date.now() + deadlineMinutes * 60_000;
  for (;;) {
    if (Date.now() > deadline) {
      const short = [...seen].filter(([, e]) => e.evaluations.size <= skippedOf(e.interval)).map(([name, e]) => `${name} (${e.evaluations.size})`);
      if (seen.size > 0 && short.length === 0) break;
      throw new Error(`groups were not evaluated beyond their skipped evaluations within ${deadlineMinutes} minutes: ${short.join(", ") || "none evaluated"}; prometheus said:\n${log()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const groups = await fetchGroups(baseUrl);
    if (!groups) continue;
    for (const group of groups) {
      const entry = seen.get(group.name) ?? { interval: group.interval, evaluations: new Map() };
      if (group.lastEvaluation.startsWith("0001") || Date.parse(group.lastEvaluation) < since) continue;
      entry.evaluations.set(group.lastEvaluation, group);
      seen.set(group.name, entry);
    }
    const broken = groups.flatMap((g) => g.rules.filter((r) => r.health === "err").map((r) => `${r.name}: ${r.lastError}`));
    if (broken.length > 0) throw new Error(`rules failed to evaluate:\n${broken.join("\n")}`);
    if (groups.length > 0 && [...seen.values()].length === groups.length && [...seen.values()].every((e) => e.evaluations.size >= (e.interval >= SLOW_GROUP_SECONDS ? 1 : measuredEvaluations) + skippedOf(e.interval))) break;
  }
  return [...seen].map(([name, { interval, evaluations }]) => ({
    name,
    intervalSeconds: interval,
    evaluations: [...evaluations.entries()]
      .sort(([a], [b]) => Date.parse(a) - Date.parse(b))
      .slice(skippedOf(interval), skippedOf(interval) + measuredEvaluations)
      .map(([, group]) => group),
  }));
}

/**
 * A group's figures: each evaluation (and each of its rules) divided by the pass timed around it.
 * The machine's speed drifts during a run (a shared VM): one median pass for the whole run let a
 * slow minute that caught two of a four-minute group's three evaluations count as that group's cost.
 */
function groupFigures(group: MeasuredGroup, pass: PassTimings): GroupFigures {
  const { evaluations } = group;
  const passAround = evaluations.map((e) => pass.around(Date.parse(e.lastEvaluation), Date.parse(e.lastEvaluation) + e.evaluationTime * 1000));
  const cost = (ms: readonly number[]): Cost => ({ ms: median(ms), passes: median(ms.map((value, i) => value / (passAround[i] ?? pass.ms))) });
  const ruleNames = evaluations[0]?.rules.map((rule) => rule.name) ?? [];
  return {
    name: group.name,
    intervalSeconds: group.intervalSeconds,
    evaluations: evaluations.length,
    ...cost(evaluations.map((e) => e.evaluationTime * 1000)),
    rules: ruleNames.map((rule, index) => ({ name: rule, ...cost(evaluations.map((e) => (e.rules[index]?.evaluationTime ?? 0) * 1000)) })),
  };
}

async function fetchGroups(baseUrl: string): Promise<ApiGroup[] | undefined> {
  try {
    const response = await fetch(`${baseUrl}/api/v1/rules`);
    if (!response.ok) return undefined;
    return ((await response.json()) as { data: { groups: ApiGroup[] } }).data.groups;
  } catch {
    return undefined; // not up yet
  }
}

const READY_DEADLINE_MS = 2 * 60_000;

/** Until Prometheus answers /-/ready: it has opened the TSDB (replayed nothing: the head starts empty). */
async function waitForReady(baseUrl: string, log: () => string): Promise<void> {
  try {
    await prometheusReady(baseUrl, READY_DEADLINE_MS);
  } catch (error) {
    throw new Error(`prometheus was not ready within ${READY_DEADLINE_MS / 60_000} minutes (${String(error)}); it said:\n${log()}`);
  }
}

/** Prometheus 2.42 first compacts its blocks a minute after it starts (tsdb/db.go `DB.run`, every `BlockReloadInterval`). */
const FIRST_COMPACTION_MS = 70_000;
/** Polls of /metrics that must see the same blocks and no block being written. */
const SETTLED_POLLS = 3;
const SETTLE_POLL_MS = 5000;
const SETTLE_DEADLINE_MS = 5 * 60_000;

/**
 * When the TSDB has stopped compacting: the cached history is many blocks over the same hours (one
 * per chunk of series, promtool's output), which Prometheus merges a minute after it starts, half a
 * minute of one core at 10,000 GPUs. Rule evaluations and passes timed before then measure the merge.
 */
async function waitForSettledStorage(baseUrl: string, log: () => string): Promise<number> {
  const started = Date.now();
  let blocksBefore: string | undefined;
  let samePolls = 0;
  while (Date.now() - started < SETTLE_DEADLINE_MS) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    const text = await fetch(`${baseUrl}/metrics`).then((response) => (response.ok ? response.text() : ""), () => "");
    const gauge = (name: string) => text.split("\n").find((line) => line.startsWith(`${name} `))?.split(" ")[1];
    const blocks = gauge("prometheus_tsdb_blocks_loaded");
    const writing = gauge("prometheus_tsdb_compaction_populating_block") !== "0";
    samePolls = blocks !== undefined && !writing && blocks === blocksBefore ? samePolls + 1 : 1;
    blocksBefore = writing ? undefined : blocks;
    if (Date.now() - started >= FIRST_COMPACTION_MS && blocksBefore !== undefined && samePolls >= SETTLED_POLLS) return Date.now();
  }
  throw new Error(`the TSDB did not settle within ${SETTLE_DEADLINE_MS / 60_000} minutes; prometheus said:\n${log()}`);
}

/** Pause between two timings of a pass while the groups are measured. */
const PASS_SAMPLE_MS = 5000;
/** Passes timed this long before an evaluation starts or after it ends count as timed around it: about a dozen. */
const PASS_AROUND_MS = 30_000;
/** Fewer passes than this in that window (the run's first or last seconds): the nearest ones instead. */
const PASS_AROUND_MIN = 6;

/** One timing of a pass: when, and the two evaluation times. */
interface PassTiming {
  readonly at: number;
  readonly countMs: number;
  readonly emptyMs: number;
}

/** The passes timed along a run: their median over the run, and the median of those timed around an instant. */
interface PassTimings {
  /** Median of the run's `count` timings less that of its `vector(1)` timings. */
  readonly ms: number;
  readonly series: number;
  readonly samples: number;
  /** The same, over the timings within PASS_AROUND_MS of [fromMs, toMs]. */
  around(fromMs: number, toMs: number): number;
}

/** A pass from some timings: the median `count` less the median `vector(1)`, never zero. */
const passOf = (timings: readonly PassTiming[]) => Math.max(median(timings.map((t) => t.countMs)) - median(timings.map((t) => t.emptyMs)), Number.EPSILON);

/**
 * One pass over the fleet's main series: Prometheus' own evaluation time (`stats=all`) of
 * `count(series)` less that of `vector(1)`, timed in pairs every 5 s until stopped.
 */
class PassSampler {
  private readonly timings: PassTiming[] = [];
  private seriesCount = 0;
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(
    private readonly baseUrl: string,
    private readonly series: string,
  ) {
    this.loop = this.sample();
  }

  stop(): void {
    this.stopped = true;
  }

  async result(): Promise<PassTimings> {
    await this.loop;
    const timings = [...this.timings];
    if (timings.length === 0) throw new Error(`count(${this.series}) could not be timed`);
    const around = (fromMs: number, toMs: number) => {
      const near = timings.filter((t) => t.at >= fromMs - PASS_AROUND_MS && t.at <= toMs + PASS_AROUND_MS);
      const distance = (t: PassTiming) => Math.max(fromMs - t.at, t.at - toMs, 0);
      return passOf(near.length >= PASS_AROUND_MIN ? near : [...timings].sort((a, b) => distance(a) - distance(b)).slice(0, PASS_AROUND_MIN));
    };
    return { ms: passOf(timings), series: this.seriesCount, samples: timings.length, around };
  }

  private async sample(): Promise<void> {
    while (!this.stopped) {
      await new Promise((resolve) => setTimeout(resolve, PASS_SAMPLE_MS));
      const at = Date.now();
      const count = await this.timed(`count(${this.series})`);
      const empty = await this.timed("vector(1)");
      if (!count || !empty || count.value === 0) continue; // not up, or the target not scraped yet
      this.seriesCount = count.value;
      this.timings.push({ at, countMs: count.ms, emptyMs: empty.ms });
    }
  }

  private async timed(query: string): Promise<{ ms: number; value: number } | undefined> {
    try {
      const response = await fetch(`${this.baseUrl}/api/v1/query?stats=all&query=${encodeURIComponent(query)}`);
      if (!response.ok) return undefined;
      const body = (await response.json()) as { data: { result: Array<{ value: [number, string] }>; stats: { timings: { evalTotalTime: number } } } };
      return { ms: body.data.stats.timings.evalTotalTime * 1000, value: Number(body.data.result[0]?.value[1] ?? 0) };
    } catch {
      return undefined;
    }
  }
}

function report(label: string, seriesCount: number, history: { backfillSeconds: number; head: HeadHistory }, groups: readonly GroupFigures[], pass: PassTimings, share?: RuleBenchSpec["share"]): BenchResult[] {
  const perCycle = (g: GroupFigures, value: number) => (value * (CYCLE_MS / 1000)) / g.intervalSeconds;
  const results: BenchResult[] = groups.map((g) => ({
    name: `${label}: ${g.name}`,
    value: g.ms,
    unit: "ms",
    note: `per evaluation (every ${g.intervalSeconds}s, median of ${g.evaluations}; ${((100 * g.ms) / (g.intervalSeconds * 1000)).toFixed(1)} % of it) = ${g.passes.toFixed(2)} passes; ${perCycle(g, g.ms).toFixed(1)} ms = ${perCycle(g, g.passes).toFixed(2)} passes per 15 s`,
  }));
  const sum = (value: (g: GroupFigures) => number, of = groups) => of.reduce((total, g) => total + perCycle(g, value(g)), 0);
  const totalMs = sum((g) => g.ms);
  const totalPasses = sum((g) => g.passes);
  results.push({
    name: `${label}: one pass`,
    value: pass.ms,
    unit: "ms",
    note: `count(${pass.series} main series) less vector(1), medians of ${pass.samples} timings along the measurement; each evaluation is divided by the passes timed within ${PASS_AROUND_MS / 1000} s of it`,
  });
  results.push({
    name: `${label}: all groups per 15 s cycle`,
    value: totalMs,
    unit: "ms",
    note: `= ${totalPasses.toFixed(2)} passes per 15 s, ${(totalPasses * 4).toFixed(2)} per minute (${(totalMs / pass.ms).toFixed(2)} against the run's median pass); ${seriesCount} series; backfill took ${history.backfillSeconds.toFixed(0)} s, and writing the head's ${HEAD_HISTORY_MS / MINUTE} minutes (${history.head.samples} samples of ${history.head.series} series) ${history.head.seconds.toFixed(0)} s`,
  });
  if (share) {
    const part = groups.filter((g) => share.groups(g.name));
    results.push({ name: `${label}: ${share.name} share`, value: totalMs > 0 ? (100 * sum((g) => g.ms, part)) / totalMs : 0, unit: "%", note: `${sum((g) => g.ms, part).toFixed(2)} of ${totalMs.toFixed(2)} ms per 15 s cycle = ${sum((g) => g.passes, part).toFixed(2)} passes` });
  }
  const rules = groups.flatMap((g) => g.rules.map((r) => ({ ...r, group: g.name })));
  for (const rule of rules.sort((a, b) => b.ms - a.ms).slice(0, 5)) {
    results.push({ name: `${label}:   ${rule.name}`, value: rule.ms, unit: "ms", note: `in ${rule.group} = ${rule.passes.toFixed(2)} passes` });
  }
  // `NFOPS_BENCH_GROUP=<prefix>`: every rule of the groups named so, in evaluation order, to see where one group's time goes.
  const prefix = process.env.NFOPS_BENCH_GROUP;
  for (const group of prefix ? groups.filter((g) => g.name.startsWith(prefix)) : []) {
    for (const rule of group.rules) results.push({ name: `${label}:   ${group.name} ${rule.name}`, value: rule.ms, unit: "ms", note: `= ${rule.passes.toFixed(2)} passes` });
  }
  return results;
}
