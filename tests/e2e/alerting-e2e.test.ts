import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERTMANAGER_SECRET_DIR, ALERTMANAGER_TEMPLATES, ALERTMANAGER_TEMPLATES_DIR, alertmanagerConfig } from "../../src/components/alertmanager-config.js";
import { toYaml } from "../../src/model/serialize.js";
import { startExporter, type RunningExporter } from "../../src/exporter/exporter.js";
import { loadTestStack } from "../helpers/component-objects.js";
import { scaleRuleGroupIntervals } from "../helpers/rule-group-time-scale.js";
import { writeLoopbackPrometheus, type StaticTarget } from "../helpers/loopback-prometheus.js";
import { eventually } from "../helpers/eventually.js";
import { forAlertmanager025 } from "../helpers/alertmanager-025.js";
import { freePort, installed, startProcess, type RunningProcess } from "../helpers/processes.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";
import { captureLogger } from "../exporter/capture-logger.js";
import { CaptureReceivers, FakeTarget, type Delivery } from "./capture.js";

const ready = installed("prometheus") && installed("prometheus-alertmanager");
if (!ready) console.warn("SKIPPED alerting e2e: needs the Debian packages prometheus and prometheus-alertmanager.");

/**
 * The generated rules, routes and templates in real Prometheus and Alertmanager processes on
 * loopback. What is adapted, and only inside this test: Kubernetes discovery becomes static targets
 * carrying the same `__meta_kubernetes_*` labels (every relabelling kept); receiver URLs, the Secret
 * directory and the SMTP smarthost point at local capture servers (STARTTLS off: the capture speaks
 * plain SMTP); the heartbeat's `url_file` becomes `url` (Alertmanager 0.25); the rule groups with
 * their own interval run faster by one factor (tests/helpers/rule-group-time-scale.ts: this suite
 * tests delivery, not the groups' cadence). No Alertmanager timer changes. The environment scrapes
 * every second and shortens the alerts' `for` through per-alert overrides, the feature users have
 * for tuning.
 */
const ALERT_FOR = "5s";
const FAST = [
  "InferenceLatencyHigh",
  "InferenceErrorRateHigh",
  "InferenceErrorBudgetBurn",
  "ZombieGPUProcess",
  "SystemDown",
  "CostPricingAbsent",
];
const CHAT = "#e2e-alerts";
const TEAM_CHANNEL = "#team-a";
const KEYS = { pager: "pager-key-default", teamPager: "pager-key-team-a" };

describe.skipIf(!ready)("alert delivery end to end", () => {
  const dir = mkdtempSync(join(tmpdir(), "nfops-alerting-e2e-"));
  const receivers = new CaptureReceivers();
  const started = Date.now();
  const conditionAt = new Map<string, number>();
  let project: TempProject;
  let exporter: RunningExporter;
  let exporterPort: number;
  let exporterSettings: Parameters<typeof startExporter>[0]["settings"];
  let nodeN2Port: number;
  let prometheus: RunningProcess;
  let alertmanager: RunningProcess;
  let promUrl: string;
  let amUrl: string;
  const targets: FakeTarget[] = [];
  /** What the fake targets report; the resolution test ends the conditions by changing it. */
  const state = { zombieFbMiB: 2000, zombieUtil: 40, gpuTempC: 95 };


  const seconds = () => (Date.now() - started) / 1000;
  /** An inference pod's exposition: `rps` requests a second since start, `errorShare` of them failing, latency buckets by `slow`. */
  const inference = (service: string, opts: { errorShare: () => number; slow: () => boolean }) => () => {
    const n = Math.floor(seconds() * 50);
    const errors = Math.floor(n * opts.errorShare());
    const under250 = opts.slow() ? Math.floor(n * 0.5) : n;
    return [
      `nf_infer_requests_total{service="${service}"} ${n}`,
      `nf_infer_errors_total{service="${service}"} ${errors}`,
      `nf_infer_latency_ms_bucket{service="${service}",le="100"} ${Math.floor(under250 * 0.8)}`,
      `nf_infer_latency_ms_bucket{service="${service}",le="250"} ${under250}`,
      `nf_infer_latency_ms_bucket{service="${service}",le="1000"} ${n}`,
      `nf_infer_latency_ms_bucket{service="${service}",le="+Inf"} ${n}`,
      `nf_infer_latency_ms_sum{service="${service}"} ${n * 300}`,
      `nf_infer_latency_ms_count{service="${service}"} ${n}`,
      "",
    ].join("\n");
  };
  const dcgm = (gpus: { gpu: string; pod: string; namespace: string; fb: number; temp: number; util: number }[]) => () =>
    gpus
      .flatMap((g) => {
        const labels = `gpu="${g.gpu}",UUID="GPU-${g.gpu}",modelName="NVIDIA L4",pod="${g.pod}",namespace="${g.namespace}",container=""`;
        return [
          `DCGM_FI_DEV_FB_USED{${labels}} ${g.fb}`,
          `DCGM_FI_DEV_FB_FREE{${labels}} ${24000 - g.fb}`,
          `DCGM_FI_DEV_GPU_UTIL{${labels}} ${g.util}`,
          `DCGM_FI_DEV_GPU_TEMP{${labels}} ${g.temp}`,
          `DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{${labels}} ${Math.floor(seconds() * 200000)}`,
        ];
      })
      .join("\n") + "\n";
  const node = () => () => `node_cpu_seconds_total{cpu="0",mode="idle"} ${seconds() * 0.9}\nnode_memory_MemTotal_bytes 1e11\nnode_memory_MemAvailable_bytes 6e10\n`;

  beforeAll(async () => {
    await receivers.start();
    const [promPort, amPort] = [await freePort(), await freePort()];
    exporterPort = await freePort();
    promUrl = `http://127.0.0.1:${promPort}`;
    amUrl = `http://127.0.0.1:${amPort}`;

    // The environment under test: the generated configuration for these settings.
    const { stack, artifacts, environment } = loadTestStack(
      [
        "clusterName: e2e",
        "scrapeInterval: 1s",
        "components: { grafana: false, loki: false, tempo: false, collector: false, kubeStateMetrics: false, blackboxExporter: false }",
        "externalUrls:",
        `  prometheus: ${promUrl}`,
        `  alertmanager: ${amUrl}`,
        "  grafana: https://grafana.e2e.example",
        "alerting:",
        `  chatChannel: "${CHAT}"`,
        "  finopsEmail: finops@e2e.example",
        "  heartbeatUrlKey: heartbeat-url",
        "  teams:",
        `    - { name: team-a, namespaces: [team-a], slackChannel: "${TEAM_CHANNEL}", pagerRoutingKeyKey: team-a-pager }`,
        "alerts:",
        ...FAST.map((name) => `  ${name}: { for: ${ALERT_FOR} }`),
        // GPUTemperatureHigh waits longer than SystemDown, so the down node's GPU alert is inhibited from the start.
        "  GPUTemperatureHigh: { for: 15s }",
        "",
      ].join("\n"),
      "e2e",
    );

    // Fake targets, and the real cost exporter.
    const start = async (metrics: () => string) => {
      const target = await new FakeTarget(metrics).start();
      targets.push(target);
      return target.port;
    };
    const slow = await start(inference("slow", { errorShare: () => 0, slow: () => true }));
    const flaky = await start(inference("flaky", { errorShare: () => 0.1, slow: () => false }));
    const teamApi = await start(inference("api", { errorShare: () => 0.1, slow: () => false }));
    const gpuN1 = await start(() => dcgm([
      { gpu: "0", pod: "", namespace: "", fb: state.zombieFbMiB, temp: 60, util: state.zombieUtil },
      { gpu: "1", pod: "trainer-0", namespace: "ml", fb: 9000, temp: state.gpuTempC, util: 90 },
    ])());
    const gpuN2 = await start(() => dcgm([{ gpu: "0", pod: "trainer-1", namespace: "ml", fb: 9000, temp: state.gpuTempC, util: 90 }])());
    const nodeN1 = await start(node());
    nodeN2Port = await freePort(); // nothing listens yet: node n2 is down
    const nodeN2Down = nodeN2Port;
    project = tempProject();
    exporterSettings = stack.settings;
    exporter = await startExporter({ pricingDir: project.pricingDir, settings: exporterSettings, port: exporterPort, host: "127.0.0.1", log: captureLogger().log });
    conditionAt.set("all", Date.now());

    // Prometheus: the generated configuration, discovery replaced by static targets with the same meta labels.
    const service = (name: string, port: number, nodeName?: string) => ({
      targets: [`127.0.0.1:${port}`],
      labels: {
        __meta_kubernetes_service_name: name,
        __meta_kubernetes_endpointslice_port_name: "http-metrics",
        ...(nodeName ? { __meta_kubernetes_pod_node_name: nodeName } : {}),
      },
    });
    const pod = (namespace: string, name: string, port: number) => ({
      targets: ["127.0.0.1:1"],
      labels: {
        __meta_kubernetes_pod_annotation_prometheus_io_scrape: "true",
        __meta_kubernetes_pod_annotation_prometheus_io_port: String(port),
        __meta_kubernetes_pod_ip: "127.0.0.1",
        __meta_kubernetes_pod_phase: "Running",
        __meta_kubernetes_namespace: namespace,
        __meta_kubernetes_pod_name: name,
        __meta_kubernetes_pod_node_name: "n1",
      },
    });
    const discovered: Record<string, StaticTarget[]> = {
      prometheus: [service("prometheus", promPort)],
      alertmanager: [service("alertmanager", amPort)],
      "node-exporter": [service("node-exporter", nodeN1, "n1"), service("node-exporter", nodeN2Down, "n2")],
      "dcgm-exporter": [service("dcgm-exporter", gpuN1, "n1"), service("dcgm-exporter", gpuN2, "n2")],
      "nfops-cost-exporter": [service("nfops-cost-exporter", exporterPort)],
      inference: [pod("ml", "slow-0", slow), pod("ml", "flaky-0", flaky), pod("team-a", "api-0", teamApi)],
    };
    const { ruleFiles, scale } = scaleRuleGroupIntervals(artifacts.ruleFiles, stack.settings.scrapeInterval);
    console.log(`e2e: rule groups with their own interval run ${1 / scale} times faster`);
    writeLoopbackPrometheus(join(dir, "prometheus"), stack, ruleFiles, discovered, [service("alertmanager", amPort)]);

    // Alertmanager: the generated configuration and templates, receivers pointed at the capture servers.
    const secrets = join(dir, "alertmanager", "secrets");
    mkdirSync(join(secrets), { recursive: true });
    mkdirSync(join(dir, "alertmanager", ALERTMANAGER_TEMPLATES_DIR), { recursive: true });
    const a = environment.settings.alerting;
    const files: Record<string, string> = {
      [a.pagerRoutingKeyKey]: KEYS.pager,
      "team-a-pager": KEYS.teamPager,
      [a.chatWebhookUrlKey]: `http://127.0.0.1:${receivers.httpPort}/slack`,
      [a.smtpPasswordKey]: "unused",
    };
    for (const [key, value] of Object.entries(files)) writeFileSync(join(secrets, key), value);
    for (const [name, text] of Object.entries(ALERTMANAGER_TEMPLATES)) writeFileSync(join(dir, "alertmanager", ALERTMANAGER_TEMPLATES_DIR, name), text);
    const am = forAlertmanager025(alertmanagerConfig(environment.settings, artifacts.inhibitions), `http://127.0.0.1:${receivers.httpPort}/heartbeat`) as Record<string, any>;
    am.global = { ...am.global, smtp_smarthost: `127.0.0.1:${receivers.smtpPort}`, smtp_require_tls: false };
    for (const receiver of am.receivers as Record<string, any>[]) {
      for (const pd of receiver.pagerduty_configs ?? []) pd.url = `http://127.0.0.1:${receivers.httpPort}/pagerduty`;
    }
    writeFileSync(join(dir, "alertmanager", "alertmanager.yml"), toYaml(am).replaceAll(`${ALERTMANAGER_SECRET_DIR}/`, `${secrets}/`));

    alertmanager = startProcess("prometheus-alertmanager", [
      `--config.file=${join(dir, "alertmanager", "alertmanager.yml")}`,
      `--storage.path=${join(dir, "alertmanager", "data")}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      `--web.external-url=${environment.settings.externalUrls.alertmanager}`,
      "--cluster.listen-address=",
    ]);
    // Alertmanager first: Prometheus resends a firing alert only once a minute after a failed send.
    await eventually(async () => expect((await fetch(`${amUrl}/-/ready`)).status).toBe(200), 30_000);
    prometheus = startProcess("prometheus", [
      `--config.file=${join(dir, "prometheus", "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "prometheus", "data")}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      `--web.external-url=${environment.settings.externalUrls.prometheus}`,
    ]);
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await alertmanager?.stop();
    await exporter?.close();
    await Promise.all(targets.map((t) => t.stop()));
    await receivers.stop();
    project?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  const logs = () => `prometheus:\n${prometheus.output().slice(-3000)}\nalertmanager:\n${alertmanager.output().slice(-3000)}`;
  const delivered = (alertname: string, status = "firing") => receivers.deliveries.filter((d) => d.alertnames.includes(alertname) && d.status === status);
  const receiversOf = (deliveries: readonly Delivery[]) => [...new Set(deliveries.map((d) => `${d.integration}:${d.to}`))].sort();
  /** Waits until an alert has reached the capture servers; bounded, and the logs tell why when it does not. */
  const arrival = async (alertname: string, expectedCount: number) =>
    eventually(() => {
      const found = delivered(alertname);
      expect(receiversOf(found).length, `${alertname} reached ${receiversOf(found).join(", ")}`).toBeGreaterThanOrEqual(expectedCount);
      return found;
    }, 150_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\ndeliveries: ${JSON.stringify(receivers.deliveries.map((d) => [d.integration, d.to, d.alertnames, d.status]))}\n${logs()}`);
    });
  const latency = (alertname: string) => {
    const first = Math.min(...delivered(alertname).map((d) => d.atMs));
    const seconds = (first - (conditionAt.get(alertname) ?? conditionAt.get("all") ?? started)) / 1000;
    console.log(`e2e: ${alertname} notified ${seconds.toFixed(1)} s after its condition began`);
    return seconds;
  };

  it("GIVEN the scenarios WHEN the conditions hold THEN every alert reaches exactly its receivers, rendered without <no value> and with working links", async () => {
    const chat = `slack:${CHAT}`;
    const pager = `pagerduty:${KEYS.pager}`;
    const expected: Record<string, string[]> = {
      Watchdog: ["webhook:"],
      InferenceLatencyHigh: [chat],
      ZombieGPUProcess: [chat],
      GPUTemperatureHigh: [chat],
      SystemDown: [pager, chat],
      // team-a's api and ml's flaky both burn: ml goes to the defaults, team-a to its own pager and channel.
      InferenceErrorBudgetBurn: [pager, `pagerduty:${KEYS.teamPager}`, chat, `slack:${TEAM_CHANNEL}`],
      InferenceErrorRateHigh: [chat, `slack:${TEAM_CHANNEL}`],
    };
    for (const [alertname, targetsOf] of Object.entries(expected)) {
      const found = await arrival(alertname, targetsOf.length);
      expect(receiversOf(found), alertname).toEqual([...targetsOf].sort());
      latency(alertname);
    }
    // The down node mutes its GPU warning: n1's GPUTemperatureHigh was sent, n2's never.
    const temperature = delivered("GPUTemperatureHigh").map((d) => d.text).join("\n");
    expect(temperature).toContain("*Node:* n1");
    expect(temperature).not.toContain("*Node:* n2");
    // The pager title names what is down, not only the alert.
    expect(delivered("SystemDown").find((d) => d.integration === "pagerduty")?.text).toMatch(/^\[e2e\] SystemDown on n2: A node stopped answering\.$/);
    expect(delivered("InferenceErrorBudgetBurn").find((d) => d.to === KEYS.teamPager)?.text).toMatch(/^\[e2e\] InferenceErrorBudgetBurn team-a\/api: /);

    for (const d of receivers.deliveries) expect(d.text, `${d.integration} ${d.alertnames.join()}`).not.toContain("<no value>");
    // Links: the source of an alert opens this Prometheus, the dashboard link Grafana's external URL.
    const slack = delivered("InferenceLatencyHigh").find((d) => d.integration === "slack")?.text ?? "";
    const source = /\*Source:\* <([^|>]+)\|/.exec(slack)?.[1] ?? "";
    expect(source.startsWith(`${promUrl}/graph?`)).toBe(true);
    expect((await fetch(source)).status).toBe(200);
    expect(slack).toContain("*Dashboard:* <https://grafana.e2e.example/d/nfops-inference-slo|open>");
  }, 240_000);

  it("GIVEN the cost exporter stops WHEN its prices go stale THEN CostPricingAbsent reaches FinOps by e-mail and the chat, with the right advice; restarted, it resolves", async () => {
    await exporter.close();
    conditionAt.set("CostPricingAbsent", Date.now());
    const found = await arrival("CostPricingAbsent", 2);
    expect(receiversOf(found)).toEqual(["email:finops@e2e.example", `slack:${CHAT}`]);
    const email = found.find((d) => d.integration === "email")?.text ?? "";
    expect(email).toContain("Check the nfops-cost-exporter pod");
    expect(email).not.toContain("raising the budget");
    latency("CostPricingAbsent");
    exporter = await startExporter({ pricingDir: project.pricingDir, settings: exporterSettings, port: exporterPort, host: "127.0.0.1", log: captureLogger().log });
    await eventually(async () => {
      const active = (await (await fetch(`${amUrl}/api/v2/alerts?active=true`)).json()) as { labels: Record<string, string> }[];
      expect(active.filter((a) => a.labels.alertname === "CostPricingAbsent")).toEqual([]);
    }, 60_000);
  }, 180_000);

  it("GIVEN the down node returns, the zombie GPU is freed and the GPUs cool WHEN Prometheus re-evaluates THEN those alerts resolve in Alertmanager", async () => {
    // (Rate-based alerts read 5-minute windows: their resolution outlasts this suite's budget and is
    // covered by the promtool cases instead.)
    const n2 = await new FakeTarget(node()).start(nodeN2Port);
    targets.push(n2);
    state.zombieFbMiB = 0;
    state.zombieUtil = 0;
    state.gpuTempC = 60;
    const resolving = ["SystemDown", "ZombieGPUProcess", "GPUTemperatureHigh"];
    await eventually(async () => {
      const active = (await (await fetch(`${amUrl}/api/v2/alerts?active=true`)).json()) as { labels: Record<string, string> }[];
      expect(active.filter((x) => resolving.includes(x.labels.alertname ?? "")).map((x) => x.labels.alertname)).toEqual([]);
    }, 120_000);
  }, 150_000);
});
