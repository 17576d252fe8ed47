import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERTMANAGER_SECRET_DIR, ALERTMANAGER_TEMPLATES, ALERTMANAGER_TEMPLATES_DIR, alertmanagerConfig } from "../../src/components/alertmanager-config.js";
import { HA_REPLICAS } from "../../src/components/high-availability.js";
import { POD_NAME_ENV, PROMETHEUS_REPLICA_LABEL, prometheusConfig } from "../../src/components/prometheus-config.js";
import { ruleFileYaml } from "../../src/model/artifacts.js";
import { toYaml } from "../../src/model/serialize.js";
import { componentObjects, loadTestStack, only } from "../helpers/component-objects.js";
import { eventually } from "../helpers/eventually.js";
import { forAlertmanager025 } from "../helpers/alertmanager-025.js";
import { freePort, installed, startProcess, type RunningProcess } from "../helpers/processes.js";
import { CaptureReceivers, FakeTarget } from "./capture.js";

const ready = installed("prometheus") && installed("prometheus-alertmanager");
if (!ready) console.warn("SKIPPED HA e2e: needs the Debian packages prometheus and prometheus-alertmanager.");

/**
 * The generated HA configuration in real processes on loopback: the Alertmanager StatefulSet's
 * cluster flags (3 peers) and the Prometheus configuration of an `ha` environment in 2 processes
 * with the generated rules plus two test alerts that fire as soon as a fake target says so.
 * Adapted here only: pod DNS names and ports become loopback ports (HTTP and gossip), Kubernetes
 * discovery becomes static targets with the same meta labels, receivers point at a capture server,
 * Prometheus 2.42 gets `--enable-feature=expand-external-labels` (Prometheus 3, deployed, expands
 * external labels by default) and `POD_NAME` as the downward API would set it, and
 * `--cluster.peer-timeout` is 5 s instead of 15 s: a second peer would send a duplicate after
 * position × peer-timeout, so a shorter timeout only shortens how long the test waits to be sure
 * none comes (deduplication itself is the gossiped notification log, unchanged). No route timer changes.
 */
const PEER_TIMEOUT_SECONDS = 5;
/** After the first notification, how long a duplicate could still take: the last peer's wait, plus slack for a busy machine. */
const DUPLICATE_WINDOW_MS = (HA_REPLICAS.alertmanager - 1) * PEER_TIMEOUT_SECONDS * 1000 + 8_000;
const CHAT = "#ha-e2e";
const ALERTS = { first: "HaE2EFirst", second: "HaE2ESecond" } as const;
const TEST_RULES = {
  groups: [
    {
      name: "ha-e2e",
      rules: [
        { alert: ALERTS.first, expr: 'nfops_ha_e2e_trigger{phase="1"} == 1', labels: { severity: "warning" } },
        { alert: ALERTS.second, expr: 'nfops_ha_e2e_trigger{phase="2"} == 1', labels: { severity: "warning" } },
      ],
    },
  ],
};

interface AlertmanagerPeer {
  readonly index: number;
  readonly url: string;
  readonly clusterPort: number;
  process?: RunningProcess;
}

describe.skipIf(!ready)("HA: Prometheus x2 and a 3-peer Alertmanager cluster on loopback", () => {
  const dir = mkdtempSync(join(tmpdir(), "nfops-ha-e2e-"));
  const receivers = new CaptureReceivers();
  const phases = new Set(["1"]);
  const target = new FakeTarget(() => [...phases].map((phase) => `nfops_ha_e2e_trigger{phase="${phase}"} 1\n`).join(""));
  const peers: AlertmanagerPeer[] = [];
  const prometheis: { url: string; replica: string; process?: RunningProcess }[] = [];

  beforeAll(async () => {
    await receivers.start();
    await target.start();
    const context = loadTestStack(
      [
        "clusterName: e2e-ha",
        "scrapeInterval: 2s",
        "ha: { enabled: true }",
        "components: { grafana: false, loki: false, tempo: false, collector: false, kubeStateMetrics: false, blackboxExporter: false, nodeExporter: false, dcgmExporter: false, costExporter: false }",
        `alerting: { chatChannel: "${CHAT}" }`,
        "",
      ].join("\n"),
      "e2e-ha",
    );
    const { stack, artifacts, environment } = context;

    // Alertmanager: the generated StatefulSet's flags, each pod's name and port mapped to loopback.
    for (let index = 0; index < HA_REPLICAS.alertmanager; index++) {
      peers.push({ index, url: `http://127.0.0.1:${await freePort()}`, clusterPort: await freePort() });
    }
    const statefulSet = only(componentObjects(context, "alertmanager"), "StatefulSet");
    expect(statefulSet.spec.replicas).toBe(HA_REPLICAS.alertmanager);
    const generatedArgs: string[] = statefulSet.spec.template.spec.containers[0].args;
    const generatedPeers = generatedArgs.filter((arg) => arg.startsWith("--cluster.peer="));
    expect(generatedPeers).toHaveLength(HA_REPLICAS.alertmanager);

    const secrets = join(dir, "alertmanager", "secrets");
    mkdirSync(secrets, { recursive: true });
    mkdirSync(join(dir, "alertmanager", ALERTMANAGER_TEMPLATES_DIR), { recursive: true });
    const a = environment.settings.alerting;
    const files = { [a.pagerRoutingKeyKey]: "pager-key", [a.chatWebhookUrlKey]: `http://127.0.0.1:${receivers.httpPort}/slack`, [a.smtpPasswordKey]: "unused" };
    for (const [key, value] of Object.entries(files)) writeFileSync(join(secrets, key), value);
    for (const [name, text] of Object.entries(ALERTMANAGER_TEMPLATES)) writeFileSync(join(dir, "alertmanager", ALERTMANAGER_TEMPLATES_DIR, name), text);
    const amConfig = forAlertmanager025(alertmanagerConfig(environment.settings, artifacts.inhibitions), `http://127.0.0.1:${receivers.httpPort}/heartbeat`);
    writeFileSync(join(dir, "alertmanager", "alertmanager.yml"), toYaml(amConfig).replaceAll(`${ALERTMANAGER_SECRET_DIR}/`, `${secrets}/`));

    const clusterPortOf = (podDnsName: string): number => {
      const index = Number(/^alertmanager-(\d+)\./.exec(podDnsName)?.[1]);
      const peer = peers[index];
      if (peer === undefined) throw new Error(`generated peer ${podDnsName} is not a pod of the StatefulSet`);
      return peer.clusterPort;
    };
    const argsFor = (peer: AlertmanagerPeer) =>
      generatedArgs.map((arg) => {
        const [flag, value = ""] = arg.split(/=(.*)/s);
        switch (flag) {
          case "--config.file": return `--config.file=${join(dir, "alertmanager", "alertmanager.yml")}`;
          case "--storage.path": return `--storage.path=${join(dir, "alertmanager", `data-${peer.index}`)}`;
          case "--web.listen-address": return `--web.listen-address=${peer.url.replace("http://", "")}`;
          case "--cluster.listen-address":
          case "--cluster.advertise-address": return `${flag}=127.0.0.1:${peer.clusterPort}`;
          case "--cluster.peer": return `--cluster.peer=127.0.0.1:${clusterPortOf(value)}`;
          default: return arg;
        }
      });
    for (const peer of peers) {
      peer.process = startProcess("prometheus-alertmanager", [...argsFor(peer), `--cluster.peer-timeout=${PEER_TIMEOUT_SECONDS}s`]);
    }
    // Every peer sees the two others before any alert is sent.
    await eventually(async () => {
      for (const peer of peers) {
        const status = (await (await fetch(`${peer.url}/api/v2/status`)).json()) as { cluster: { status: string; peers?: unknown[] } };
        expect(status.cluster.peers?.length, `${peer.url} peers`).toBe(HA_REPLICAS.alertmanager);
        expect(status.cluster.status).toBe("ready");
      }
    }, 60_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${amLogs()}`);
    });

    // Prometheus x2: the generated configuration with static targets carrying the discovery labels the relabelling keeps.
    for (let index = 0; index < HA_REPLICAS.prometheus; index++) prometheis.push({ url: `http://127.0.0.1:${await freePort()}`, replica: `prometheus-${index}` });
    const service = (name: string, url: string) => ({
      targets: [url.replace("http://", "")],
      labels: { __meta_kubernetes_service_name: name, __meta_kubernetes_endpointslice_port_name: "http-metrics" },
    });
    const config = prometheusConfig(stack) as Record<string, any>;
    const statics: Record<string, unknown[]> = {
      prometheus: prometheis.map((p) => service("prometheus", p.url)),
      alertmanager: peers.map((p) => service("alertmanager", p.url)),
    };
    config.scrape_configs = [
      ...(config.scrape_configs as Record<string, any>[])
        .filter((job) => statics[job.job_name] !== undefined)
        .map(({ kubernetes_sd_configs: _sd, ...job }) => ({ ...job, static_configs: statics[job.job_name] })),
      { job_name: "ha-e2e", static_configs: [{ targets: [`127.0.0.1:${target.port}`] }] },
    ];
    const [alertmanagers] = config.alerting.alertmanagers as Record<string, any>[];
    config.alerting.alertmanagers = [{ api_version: "v2", static_configs: statics.alertmanager, relabel_configs: alertmanagers?.relabel_configs }];
    mkdirSync(join(dir, "prometheus", "rules"), { recursive: true });
    writeFileSync(join(dir, "prometheus", "prometheus.yml"), toYaml(config));
    for (const file of artifacts.ruleFiles) writeFileSync(join(dir, "prometheus", "rules", `${file.name}.yaml`), ruleFileYaml(file));
    writeFileSync(join(dir, "prometheus", "rules", "ha-e2e.yaml"), toYaml(TEST_RULES));
    for (const prometheus of prometheis) {
      prometheus.process = startProcess(
        "prometheus",
        [
          `--config.file=${join(dir, "prometheus", "prometheus.yml")}`,
          `--storage.tsdb.path=${join(dir, "prometheus", `data-${prometheus.replica}`)}`,
          `--web.listen-address=${prometheus.url.replace("http://", "")}`,
          "--enable-feature=expand-external-labels",
        ],
        { [POD_NAME_ENV]: prometheus.replica },
      );
    }
  }, 90_000);

  afterAll(async () => {
    await Promise.all([...prometheis.map((p) => p.process?.stop()), ...peers.map((p) => p.process?.stop())]);
    await target.stop();
    await receivers.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const amLogs = () => peers.map((p) => `alertmanager-${p.index}:\n${p.process?.output().slice(-2000) ?? ""}`).join("\n");
  const logs = () => `${prometheis.map((p) => `${p.replica}:\n${p.process?.output().slice(-2000) ?? ""}`).join("\n")}\n${amLogs()}`;
  const notifications = (alertname: string) => receivers.deliveries.filter((d) => d.integration === "slack" && d.alertnames.includes(alertname) && d.status === "firing");
  /** Waits for the first notification of `alertname`, then for as long as a duplicate could take, and returns them all. */
  const notifiedOnce = async (alertname: string) => {
    const [first] = await eventually(() => {
      const found = notifications(alertname);
      expect(found.length, `${alertname} notified`).toBeGreaterThan(0);
      return found;
    }, 120_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\ndeliveries: ${JSON.stringify(receivers.deliveries.map((d) => [d.integration, d.to, d.alertnames]))}\n${logs()}`);
    });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (first?.atMs ?? 0) + DUPLICATE_WINDOW_MS - Date.now())));
    return notifications(alertname);
  };
  const activeAlerts = async (peer: AlertmanagerPeer, alertname: string) =>
    ((await (await fetch(`${peer.url}/api/v2/alerts?filter=alertname%3D%22${alertname}%22`)).json()) as { labels: Record<string, string> }[]);
  const metric = async (url: string, name: string): Promise<{ labels: string; value: number }[]> =>
    (await (await fetch(`${url}/metrics`)).text())
      .split("\n")
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .map((line) => ({ labels: line.slice(name.length, line.lastIndexOf(" ")), value: Number(line.slice(line.lastIndexOf(" ") + 1)) }));

  it("GIVEN both replicas firing the same alert WHEN the cluster delivers it THEN exactly one notification arrives, and every peer holds one alert without the replica label", async () => {
    const found = await notifiedOnce(ALERTS.first);
    expect(found, JSON.stringify(receivers.deliveries.map((d) => [d.alertnames, d.atMs]))).toHaveLength(1);

    // Each replica's series carry its own replica label (federation shows external labels)...
    for (const prometheus of prometheis) {
      const federated = await (await fetch(`${prometheus.url}/federate?match[]=${encodeURIComponent('up{job="ha-e2e"}')}`)).text();
      expect(federated, prometheus.replica).toContain(`${PROMETHEUS_REPLICA_LABEL}="${prometheus.replica}"`);
    }
    // ...each replica sent its alerts to every peer without an error...
    for (const prometheus of prometheis) {
      const sent = await metric(prometheus.url, "prometheus_notifications_sent_total");
      for (const peer of peers) {
        expect(sent.find((s) => s.labels.includes(peer.url))?.value ?? 0, `${prometheus.replica} -> ${peer.url}`).toBeGreaterThan(0);
      }
      expect((await metric(prometheus.url, "prometheus_notifications_errors_total")).every((s) => s.value === 0), prometheus.replica).toBe(true);
    }
    // ...and every peer holds them as one alert: identical label sets, the replica label dropped, the cluster kept.
    for (const peer of peers) {
      const alerts = await activeAlerts(peer, ALERTS.first);
      expect(alerts, peer.url).toHaveLength(1);
      expect(alerts[0]?.labels, peer.url).toEqual({ alertname: ALERTS.first, severity: "warning", cluster: "e2e-ha", job: "ha-e2e", instance: `127.0.0.1:${target.port}`, phase: "1" });
    }
  }, 180_000);

  it("GIVEN the peer that notified is killed WHEN a new alert fires THEN a remaining peer notifies it exactly once", async () => {
    // The peer that sent the first notification (the one at cluster position 0) goes: another must take over.
    const counts = await Promise.all(peers.map(async (peer) => (await metric(peer.url, "alertmanager_notifications_total")).filter((s) => s.labels.includes('integration="slack"')).reduce((n, s) => n + s.value, 0)));
    const sender = peers[counts.findIndex((n) => n > 0)];
    expect(sender, `notification counts ${counts.join(",")}`).toBeDefined();
    await sender?.process?.stop();

    phases.add("2");
    const found = await notifiedOnce(ALERTS.second);
    expect(found, JSON.stringify(receivers.deliveries.map((d) => [d.alertnames, d.atMs]))).toHaveLength(1);
    expect(notifications(ALERTS.first)).toHaveLength(1);
    for (const peer of peers.filter((p) => p !== sender)) expect(await activeAlerts(peer, ALERTS.second), peer.url).toHaveLength(1);
  }, 180_000);
});
