import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchmarkExposition } from "../../src/bench/exposition.js";
import { loadBenchmarkResults, type BenchmarkResults } from "../../src/bench/load-results.js";
import { groupUrl } from "../../src/bench/push.js";
import { promtoolParseError } from "../helpers/promtool-metrics.js";
import { runNfops } from "../helpers/nfops-cli.js";
import { parseExposition, parseSampleLines } from "../exporter/exposition.js";
import { freePort } from "../helpers/processes.js";

const dir = mkdtempSync(join(tmpdir(), "nfops-bench-cli-"));
const VALID = {
  commit: "abc1234",
  baselineVersion: "v0.3.0",
  benchmarks: [
    { name: "pattern_compilation", iterationsMs: [3, 12, 12, 700, 6000], speedup: { p50: 16.5, p95: 12 }, regression: { severity: "warning" } },
    { name: "config_load", iterationsMs: [40] },
  ],
  memory: [{ process: "perf_suite", phase: "peak", mb: 512 }],
  suiteDurationSeconds: 42.5,
  ci: { pipeline: "perf", branch: "feature/x", trigger: "push", passed: false },
};
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** A stand-in Pushgateway that records each request and answers `status`. */
let gateway: Server;
let gatewayUrl = "";
const requests: { method: string; url: string; body: string }[] = [];
let status = 200;
beforeAll(async () => {
  gateway = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", body });
      res.writeHead(status).end(status === 200 ? "" : "pushed metrics are invalid or inconsistent with existing metrics");
    });
  }).listen(0, "127.0.0.1");
  await once(gateway, "listening");
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as { port: number }).port}`;
});
afterAll(() => {
  gateway.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("nfops bench push", () => {
  it("GIVEN a valid file WHEN dry-run THEN the exposition is the contract: one histogram over every iteration, speed-ups, the regression at the commit, the CI result", async () => {
    const run = await runNfops(["bench", "push", "--gateway", gatewayUrl, "--job", "perf", "--file", file("valid.json", JSON.stringify(VALID)), "--dry-run"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const metrics = parseExposition(run.stdout);
    expect(metrics.families.map((f) => f.name).sort()).toEqual(["benchmark_execution_time_ms", "benchmark_suite_duration_seconds", "ci_pipeline_status", "memory_usage_mb", "performance_regression_detected", "speedup_ratio"]);
    expect(metrics.type("benchmark_execution_time_ms")).toBe("HISTOGRAM");
    // Iterations 3, 12, 12, 700, 6000 ms: cumulative counts per bucket, then +Inf, sum and count.
    const lines = parseSampleLines(run.stdout);
    const compilation = { benchmark_name: "pattern_compilation", environment: "ci" };
    const buckets = Object.fromEntries(lines.samples("benchmark_execution_time_ms_bucket").filter((s) => s.labels.benchmark_name === "pattern_compilation").map((s) => [s.labels.le, s.value]));
    expect(buckets).toEqual({ "5": 1, "10": 1, "25": 3, "50": 3, "100": 3, "250": 3, "500": 3, "1000": 4, "2500": 4, "5000": 4, "+Inf": 5 });
    expect(lines.value("benchmark_execution_time_ms_bucket", { ...compilation, le: "+Inf" })).toBe(5);
    expect(lines.value("benchmark_execution_time_ms_sum", compilation)).toBe(6727);
    expect(lines.value("benchmark_execution_time_ms_count", compilation)).toBe(5);
    expect(run.stdout).not.toContain("iteration=");
    expect(metrics.value("speedup_ratio", { benchmark_name: "pattern_compilation", percentile: "p50", baseline_version: "v0.3.0" })).toBe(16.5);
    expect(metrics.type("performance_regression_detected")).toBe("COUNTER");
    expect(metrics.samples("performance_regression_detected")).toEqual([{ labels: { benchmark_name: "pattern_compilation", severity: "warning", commit_hash: "abc1234" }, value: 1 }]);
    expect(metrics.samples("ci_pipeline_status")).toEqual([{ labels: { pipeline: "perf", branch: "feature/x", trigger: "push" }, value: 0 }]);
    const suite = metrics.families.find((f) => f.name === "benchmark_suite_duration_seconds")!;
    expect(suite.type).toBe("SUMMARY");
    expect(suite.metrics).toEqual([{ quantiles: { "0.5": "42.5", "0.9": "42.5", "0.95": "42.5", "0.99": "42.5" }, count: "1", sum: "42.5" }]);
    expect(requests).toEqual([]);
  });

  it("GIVEN a valid file WHEN pushed THEN one PUT carries all of it to the group's URL, grouping values with / base64-encoded", async () => {
    requests.length = 0;
    const run = await runNfops(["bench", "push", "--gateway", `${gatewayUrl}/`, "--job", "perf", "--file", file("valid.json", JSON.stringify(VALID)), "--grouping", "runner=gpu-a100", "--grouping", "ref=refs/heads/main"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(requests.map((r) => [r.method, r.url])).toEqual([["PUT", "/metrics/job/perf/runner/gpu-a100/ref@base64/cmVmcy9oZWFkcy9tYWlu"]]);
    expect(requests[0]?.body).toContain("speedup_ratio");
    expect(run.stdout).toMatch(/^pushed \d+ samples to http:\/\/127\.0\.0\.1:\d+\/metrics\/job\/perf\//);
  });

  it("GIVEN an invalid file THEN every problem is located (file:line:col, path, value) and nothing is pushed", async () => {
    requests.length = 0;
    const bad = file("bad.json", '{\n  "commit": "not-a-sha",\n  "baselineVersion": "v1",\n  "benchmarks": [\n    { "name": "a", "iterationsMs": [1, -2] },\n    { "name": "a", "iterationsMs": [1] }\n  ]\n}\n');
    const run = await runNfops(["bench", "push", "--gateway", gatewayUrl, "--job", "perf", "--file", bad]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${bad}:2:13: /commit: must match pattern "^[0-9a-f]{7,40}$" (value: "not-a-sha")`);
    expect(run.stderr).toContain(`${bad}:5:40: /benchmarks/0/iterationsMs/1: must be >= 0 (value: -2)`);
    expect(requests).toEqual([]);
    // Duplicated names are found once the schema passes.
    const dup = file("dup.json", JSON.stringify({ ...VALID, benchmarks: [VALID.benchmarks[1], VALID.benchmarks[1]] }, null, 2));
    const again = await runNfops(["bench", "push", "--gateway", gatewayUrl, "--job", "perf", "--file", dup]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/dup\.json:\d+:\d+: \/benchmarks\/1\/name: is used by an earlier benchmark; names must be unique \(value: "config_load"\)/);
    expect(requests).toEqual([]);
  });

  it("GIVEN a gateway that refuses the push THEN the error names the URL, the status and the gateway's answer", async () => {
    status = 400;
    const run = await runNfops(["bench", "push", "--gateway", gatewayUrl, "--job", "perf", "--file", file("valid.json", JSON.stringify(VALID))]);
    status = 200;
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`PUT ${gatewayUrl}/metrics/job/perf answered 400 Bad Request: pushed metrics are invalid or inconsistent with existing metrics; nothing was pushed`);
  });

  it("GIVEN no gateway listening THEN the error names the URL and the reason", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const run = await runNfops(["bench", "push", "--gateway", closed, "--job", "perf", "--file", file("valid.json", JSON.stringify(VALID)), "--method", "post"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`POST ${closed}/metrics/job/perf failed: ECONNREFUSED; nothing was pushed`);
  });

  it.each([
    [["--job", "perf", "--file", "x.json"], "--gateway is required"],
    [["--gateway", "ftp://x", "--job", "perf", "--file", "x.json"], "--gateway must be an http(s) URL"],
    [["--gateway", "http://x", "--job", "perf", "--file", "x.json", "--grouping", "benchmark_name=a"], "is a label of the pushed series themselves"],
    [["--gateway", "http://x", "--job", "perf", "--file", "x.json", "--grouping", "job=a"], "is not a label name that may group"],
    [["--gateway", "http://x", "--job", "perf", "--file", "x.json", "--method", "patch"], "--method must be put or post"],
  ])("GIVEN wrong usage %j THEN it exits 2 saying why", async (args, message) => {
    const run = await runNfops(["bench", "push", ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it("GIVEN an empty grouping value or a job with a slash THEN the URL encodes them as the Pushgateway's API says", () => {
    expect(groupUrl("http://g:9091", "a/b", [["instance", ""]])).toBe("http://g:9091/metrics/job@base64/YS9i/instance@base64/=");
  });

  it("GIVEN grouping values . and .. THEN they are base64-encoded, so no URL parser resolves them into another group", async () => {
    expect(groupUrl("http://g:9091", "perf", [["runner", ".."], ["ref", "."]])).toBe("http://g:9091/metrics/job/perf/runner@base64/Li4/ref@base64/Lg");
    requests.length = 0;
    const run = await runNfops(["bench", "push", "--gateway", gatewayUrl, "--job", "perf", "--file", file("valid.json", JSON.stringify(VALID)), "--grouping", "runner=.."]);
    expect(run.status, run.stderr).toBe(0);
    expect(requests.map((r) => r.url)).toEqual(["/metrics/job/perf/runner@base64/Li4"]);
  });

  it("GIVEN two readings with one label set THEN the file is refused where the repeat is (prom-client would merge them) and nothing is sent", async () => {
    requests.length = 0;
    const twice = { ...VALID, memory: [VALID.memory[0], { ...VALID.memory[0], mb: 600 }], cpu: [{ process: "perf_suite", core: "all", percent: 5 }, { process: "perf_suite", core: "all", percent: 6 }] };
    const path = file("twice.json", JSON.stringify(twice, null, 2));
    const run = await runNfops(["bench", "push", "--gateway", gatewayUrl, "--job", "perf", "--file", path]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/twice\.json:\d+:\d+: \/memory\/1: is used by an earlier memory reading; one reading per process and phase \(value: "process=perf_suite phase=peak"\)/);
    expect(run.stderr).toMatch(/twice\.json:\d+:\d+: \/cpu\/1: is used by an earlier CPU reading; one reading per process and core \(value: "process=perf_suite core=all"\)/);
    const dry = await runNfops(["bench", "push", "--gateway", gatewayUrl, "--job", "perf", "--file", path, "--dry-run"]);
    expect([dry.status, dry.stdout]).toEqual([1, ""]);
    expect(requests).toEqual([]);
  });

  it("GIVEN label values with quotes, backslashes and a newline WHEN rendered THEN Prometheus' parser reads the text and gives back the same values", async () => {
    const hostile = ['say "hi"', "C:\\bench\\", 'line one\nline "two"\\'];
    // Built past the loader: the schema refuses control characters, the exposition must escape them anyway.
    const results: BenchmarkResults = {
      ...loadBenchmarkResults(file("valid.json", JSON.stringify(VALID))),
      baselineVersion: hostile[0]!,
      environment: hostile[2]!,
      memory: [{ process: hostile[1]!, phase: hostile[2]!, mb: 1 }],
      cpu: [{ process: hostile[2]!, core: hostile[0]!, percent: 3 }],
      ci: { pipeline: hostile[1]!, branch: hostile[2]!, trigger: hostile[0]!, passed: true },
    };
    const text = await benchmarkExposition(results);
    expect(promtoolParseError(text)).toBe("");
    const metrics = parseExposition(text);
    expect(parseSampleLines(text).value("benchmark_execution_time_ms_count", { benchmark_name: "config_load", environment: hostile[2]! })).toBe(1);
    expect(metrics.value("speedup_ratio", { benchmark_name: "pattern_compilation", percentile: "p95", baseline_version: hostile[0]! })).toBe(12);
    expect(metrics.value("memory_usage_mb", { process: hostile[1]!, phase: hostile[2]! })).toBe(1);
    expect(metrics.value("cpu_utilization_percent", { process: hostile[2]!, core: hostile[0]! })).toBe(3);
    expect(metrics.value("ci_pipeline_status", { pipeline: hostile[1]!, branch: hostile[2]!, trigger: hostile[0]! })).toBe(1);
  });

  it("GIVEN quotes and backslashes in a results file WHEN pushed THEN the gateway receives text Prometheus' parser reads", async () => {
    requests.length = 0;
    const run = await runNfops(["bench", "push", "--gateway", gatewayUrl, "--job", "perf", "--file", file("quoted.json", JSON.stringify({ ...VALID, baselineVersion: 'v"1\\2' }))]);
    expect(run.status, run.stderr).toBe(0);
    expect(promtoolParseError(requests[0]!.body)).toBe("");
    expect(parseExposition(requests[0]!.body).value("speedup_ratio", { benchmark_name: "pattern_compilation", percentile: "p50", baseline_version: 'v"1\\2' })).toBe(16.5);
  });

  it("GIVEN a gateway that redirects to another origin THEN the results are not sent there", async () => {
    let heard = 0;
    const other = createServer((_req, res) => {
      heard++;
      res.end();
    }).listen(0, "127.0.0.1");
    await once(other, "listening");
    const otherUrl = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
    const redirecting = createServer((_req, res) => res.writeHead(307, { location: `${otherUrl}/metrics/job/perf` }).end()).listen(0, "127.0.0.1");
    await once(redirecting, "listening");
    const redirectingUrl = `http://127.0.0.1:${(redirecting.address() as { port: number }).port}`;
    try {
      const run = await runNfops(["bench", "push", "--gateway", redirectingUrl, "--job", "perf", "--file", file("valid.json", JSON.stringify(VALID))]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`PUT ${redirectingUrl}/metrics/job/perf failed: redirected to another origin (${otherUrl}); not followed; nothing was pushed`);
      expect(heard).toBe(0);
    } finally {
      other.close();
      redirecting.close();
    }
  });

  it("GIVEN a gateway URL with credentials THEN they go as basic auth and are never printed", async () => {
    requests.length = 0;
    const run = await runNfops(["bench", "push", "--gateway", gatewayUrl.replace("http://", "http://ci:s3cr3t@"), "--job", "perf", "--file", file("valid.json", JSON.stringify(VALID))]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toContain("s3cr3t");
    expect(requests).toHaveLength(1);
  });

  it("GIVEN a timeout longer than a timer can wait THEN it is a usage error, not a timer that fires at once", async () => {
    const run = await runNfops(["bench", "push", "--gateway", gatewayUrl, "--job", "perf", "--file", "x.json", "--timeout-seconds", "3000000"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--timeout-seconds must be at most 2147483, the longest a timer waits");
  });
});
