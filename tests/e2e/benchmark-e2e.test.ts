import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERTMANAGER_SECRET_DIR, ALERTMANAGER_TEMPLATES, ALERTMANAGER_TEMPLATES_DIR, alertmanagerConfig } from "../../src/components/alertmanager-config.js";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { toYaml } from "../../src/model/serialize.js";
import { loadTestStack } from "../helpers/component-objects.js";
import { writeLoopbackPrometheus, type StaticTarget } from "../helpers/loopback-prometheus.js";
import { eventually } from "../helpers/eventually.js";
import { forAlertmanager025 } from "../helpers/alertmanager-025.js";
import { runNfops } from "../helpers/nfops-cli.js";
import { freePort, installed, queryPrometheus, startProcess, type RunningProcess } from "../helpers/processes.js";
import { CaptureReceivers } from "./capture.js";

const ready = installed("prometheus") && installed("prometheus-alertmanager") && installed("prometheus-pushgateway");
if (!ready) console.warn("SKIPPED benchmark e2e: needs the Debian packages prometheus, prometheus-alertmanager and prometheus-pushgateway.");

/**
 * The benchmark environment (stacks/bench.yaml: 1 s scrape, its `for` settings, the generated rules,
 * routes and Pushgateway scrape job) in real Pushgateway, Prometheus and Alertmanager processes on
 * loopback. Only discovery (static targets with the same meta labels) and receiver URLs (capture
 * servers) are adapted. Measures the time from `nfops bench push` of a regressed result to the
 * notification at the capture endpoint; the only bound asserted is the functional one, 60 s.
 */
const CHAT = "#bench-alerts";
const PAGER_KEY = "pager-key-bench";
const NOTIFY_BOUND_S = 60;

const result = (speedup: number, regression?: "critical" | "warning") => ({
  commit: "c0ffee1",
  baselineVersion: "v0.3.0",
  environment: "e2e",
  benchmarks: [
    { name: "pattern_compilation", iterationsMs: [12, 14, 15, 40, 260], speedup: { p50: speedup, p95: speedup * 0.8 }, ...(regression ? { regression: { severity: regression } } : {}) },
  ],
  memory: [{ process: "perf_suite", phase: "peak", mb: 420 }],
  cpu: [{ process: "perf_suite", core: "all", percent: 35 }],
  suiteDurationSeconds: 42,
  ci: { pipeline: "perf", branch: "main", trigger: "push", passed: regression === undefined },
});

describe.skipIf(!ready)("benchmark regression notified end to end", () => {
  const dir = mkdtempSync(join(tmpdir(), "nfops-benchmark-e2e-"));
  const receivers = new CaptureReceivers();
  let prometheus: RunningProcess;
  let alertmanager: RunningProcess;
  let pushgateway: RunningProcess;
  let promUrl: string;
  let gatewayUrl: string;

  beforeAll(async () => {
    await receivers.start();
    const [promPort, amPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
    promUrl = `http://127.0.0.1:${promPort}`;
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    const bench = readFileSync(join(repositoryRoot, "stacks/bench.yaml"), "utf8");
    const { stack, artifacts, environment } = loadTestStack(
      [bench, "alerting:", `  chatChannel: "${CHAT}"`, "externalUrls:", `  prometheus: ${promUrl}`, `  alertmanager: http://127.0.0.1:${amPort}`, ""].join("\n"),
      "bench",
    );
    expect(stack.settings.scrapeInterval).toBe("1s");

    const service = (name: string, port: number) => ({
      targets: [`127.0.0.1:${port}`],
      labels: { __meta_kubernetes_service_name: name, __meta_kubernetes_endpointslice_port_name: "http-metrics" },
    });
    const discovered: Record<string, StaticTarget[]> = {
      prometheus: [service("prometheus", promPort)],
      alertmanager: [service("alertmanager", amPort)],
      pushgateway: [service("pushgateway", gatewayPort)],
    };
    writeLoopbackPrometheus(join(dir, "prometheus"), stack, artifacts.ruleFiles, discovered, [service("alertmanager", amPort)]);

    const secrets = join(dir, "alertmanager", "secrets");
    mkdirSync(secrets, { recursive: true });
    mkdirSync(join(dir, "alertmanager", ALERTMANAGER_TEMPLATES_DIR), { recursive: true });
    const a = environment.settings.alerting;
    const files: Record<string, string> = { [a.pagerRoutingKeyKey]: PAGER_KEY, [a.chatWebhookUrlKey]: `http://127.0.0.1:${receivers.httpPort}/slack`, [a.smtpPasswordKey]: "unused" };
    for (const [key, value] of Object.entries(files)) writeFileSync(join(secrets, key), value);
    for (const [name, text] of Object.entries(ALERTMANAGER_TEMPLATES)) writeFileSync(join(dir, "alertmanager", ALERTMANAGER_TEMPLATES_DIR, name), text);
    const am = forAlertmanager025(alertmanagerConfig(environment.settings, artifacts.inhibitions)) as Record<string, any>;
    for (const receiver of am.receivers as Record<string, any>[]) {
      for (const pd of receiver.pagerduty_configs ?? []) pd.url = `http://127.0.0.1:${receivers.httpPort}/pagerduty`;
    }
    writeFileSync(join(dir, "alertmanager", "alertmanager.yml"), toYaml(am).replaceAll(`${ALERTMANAGER_SECRET_DIR}/`, `${secrets}/`));

    pushgateway = startProcess("prometheus-pushgateway", [`--web.listen-address=127.0.0.1:${gatewayPort}`, `--persistence.file=${join(dir, "pushgateway.db")}`]);
    alertmanager = startProcess("prometheus-alertmanager", [
      `--config.file=${join(dir, "alertmanager", "alertmanager.yml")}`,
      `--storage.path=${join(dir, "alertmanager", "data")}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      "--cluster.listen-address=",
    ]);
    await eventually(async () => expect((await fetch(`http://127.0.0.1:${amPort}/-/ready`)).status).toBe(200), 30_000);
    await eventually(async () => expect((await fetch(`${gatewayUrl}/-/ready`)).status).toBe(200), 30_000);
    prometheus = startProcess("prometheus", [
      `--config.file=${join(dir, "prometheus", "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "prometheus", "data")}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ]);
    await eventually(async () => expect((await queryPrometheus(promUrl, 'up{job="pushgateway"}'))[0]?.value[1]).toBe("1"), 30_000);
  }, 90_000);

  afterAll(async () => {
    await prometheus?.stop();
    await alertmanager?.stop();
    await pushgateway?.stop();
    await receivers.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const logs = () => `prometheus:\n${prometheus.output().slice(-2000)}\nalertmanager:\n${alertmanager.output().slice(-2000)}\npushgateway:\n${pushgateway.output().slice(-2000)}`;
  const push = async (name: string, body: object) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(body, null, 2));
    const run = await runNfops(["bench", "push", "--gateway", gatewayUrl, "--job", "perf-suite", "--file", file, "--grouping", "runner=e2e"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    return run;
  };

  it("GIVEN a healthy run WHEN it is pushed THEN Prometheus stores the contract with the push's job, and nothing fires", async () => {
    await push("healthy.json", result(20));
    await eventually(async () => {
      const speedup = await queryPrometheus(promUrl, 'speedup_ratio{percentile="p50"}');
      expect(speedup.map((s) => [s.metric.job, s.metric.runner, s.metric.benchmark_name, s.value[1]])).toEqual([["perf-suite", "e2e", "pattern_compilation", "20"]]);
    }, 20_000);
    const buckets = await queryPrometheus(promUrl, 'benchmark_execution_time_ms_bucket{le="25"}');
    expect(buckets[0]?.value[1]).toBe("3");
  }, 60_000);

  it("GIVEN a producer that labels each iteration WHEN Prometheus scrapes the gateway THEN the iteration label is gone", async () => {
    const text = '# TYPE benchmark_execution_time_ms histogram\nbenchmark_execution_time_ms_bucket{benchmark_name="legacy",environment="e2e",iteration="7",le="+Inf"} 1\nbenchmark_execution_time_ms_sum{benchmark_name="legacy",environment="e2e",iteration="7"} 3\nbenchmark_execution_time_ms_count{benchmark_name="legacy",environment="e2e",iteration="7"} 1\n';
    expect((await fetch(`${gatewayUrl}/metrics/job/legacy-exporter`, { method: "PUT", body: text })).status).toBe(200);
    await eventually(async () => expect(await queryPrometheus(promUrl, 'benchmark_execution_time_ms_count{benchmark_name="legacy"}')).toHaveLength(1), 20_000);
    expect(await queryPrometheus(promUrl, 'benchmark_execution_time_ms_count{iteration!=""}')).toEqual([]);
  }, 60_000);

  it(`GIVEN the bench environment WHEN a regressed result is pushed THEN the page and the chat message arrive within ${NOTIFY_BOUND_S} s (measured)`, async () => {
    const started = Date.now();
    await push("regressed.json", result(6, "critical"));
    const arrived = (alertname: string, integration: string) =>
      receivers.deliveries.find((d) => d.alertnames.includes(alertname) && d.status === "firing" && d.integration === integration);
    const expected = [
      ["PerformanceRegressionDetected", "pagerduty"],
      ["PerformanceRegressionDetected", "slack"],
      ["CriticalPerformanceRegression", "pagerduty"],
      ["CriticalPerformanceRegression", "slack"],
    ] as const;
    await eventually(() => {
      for (const [alertname, integration] of expected) expect(arrived(alertname, integration), `${alertname} via ${integration}`).toBeDefined();
    }, NOTIFY_BOUND_S * 1000 + 30_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\ndeliveries: ${JSON.stringify(receivers.deliveries.map((d) => [d.integration, d.alertnames, d.status]))}\n${logs()}`);
    });
    const seconds = Object.fromEntries(expected.map(([alertname, integration]) => [`${alertname} ${integration}`, ((arrived(alertname, integration)?.atMs ?? 0) - started) / 1000]));
    for (const [what, s] of Object.entries(seconds)) console.log(`benchmark e2e: nfops bench push -> ${what} notification in ${s.toFixed(1)} s`);
    for (const s of Object.values(seconds)) expect(s).toBeLessThan(NOTIFY_BOUND_S);
    expect(arrived("CriticalPerformanceRegression", "slack")?.text).toContain("pattern_compilation p50 speed-up is 6.00x against v0.3.0 (minimum 10x)");
  }, 150_000);
});
