import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERTMANAGER_SECRET_DIR, ALERTMANAGER_TEMPLATES, ALERTMANAGER_TEMPLATES_DIR, alertmanagerConfig } from "../../src/components/alertmanager-config.js";
import { toYaml } from "../../src/model/serialize.js";
import { forAlertmanager025 } from "../helpers/alertmanager-025.js";
import { loadTestStack } from "../helpers/component-objects.js";
import { eventually } from "../helpers/eventually.js";
import { writeLoopbackPrometheus } from "../helpers/loopback-prometheus.js";
import { freePort, installed, startProcess, type RunningProcess } from "../helpers/processes.js";
import { CaptureReceivers, type Delivery } from "./capture.js";
import { HEARTBEAT_TIME_SCALE, scaleWatchdogTimers, type Route } from "./heartbeat.js";

const ready = installed("prometheus") && installed("prometheus-alertmanager");
if (!ready) console.warn("SKIPPED stack e2e: needs the Debian packages prometheus and prometheus-alertmanager.");

/**
 * The stack pack in real Prometheus 2.42 and Alertmanager 0.25 on loopback, watching each other:
 * a rule group deliberately slower than its interval, a broken configuration reloaded into each,
 * and a heartbeat receiver that nothing answers. Each alert must reach the receiver the generated
 * routes give it (the chat channel: they are platform warnings), through the capture servers. The
 * environment scrapes every second and shortens these alerts' `for` with per-alert overrides;
 * nothing else is adapted beyond what tests/e2e/alerting-e2e.test.ts adapts.
 */
const CHAT = "#e2e-stack";
const FAST = ["PrometheusRuleGroupIterationsMissed", "PrometheusConfigReloadFailed", "AlertmanagerConfigReloadFailed", "AlertmanagerNotificationsFailing"];
/** A group at 1 s whose two subqueries over an hour at 1 ms steps take about a second each (3.6 M points). */
const SLOW_GROUP = "deliberately-slow";
const SLOW_RULES = {
  groups: [
    {
      name: SLOW_GROUP,
      interval: "1s",
      rules: [
        { record: "e2e:slow_subquery:sum1", expr: "sum_over_time(vector(1)[1h:1ms])" },
        { record: "e2e:slow_subquery:sum2", expr: "sum_over_time(vector(2)[1h:1ms])" },
      ],
    },
  ],
};

describe.skipIf(!ready)("stack pack end to end", () => {
  const dir = mkdtempSync(join(tmpdir(), "nfops-stack-e2e-"));
  const receivers = new CaptureReceivers();
  let prometheus: RunningProcess;
  let alertmanager: RunningProcess;
  let promUrl: string;
  let amUrl: string;
  let promConfig: string;
  let amConfig: string;

  beforeAll(async () => {
    await receivers.start();
    const [promPort, amPort, deadPort] = [await freePort(), await freePort(), await freePort()];
    promUrl = `http://127.0.0.1:${promPort}`;
    amUrl = `http://127.0.0.1:${amPort}`;
    const { stack, artifacts, environment } = loadTestStack(
      [
        "clusterName: e2e",
        "scrapeInterval: 1s",
        "components: { grafana: false, loki: false, tempo: false, collector: false, kubeStateMetrics: false, blackboxExporter: false, nodeExporter: false, dcgmExporter: false }",
        "externalUrls:",
        `  prometheus: ${promUrl}`,
        `  alertmanager: ${amUrl}`,
        "alerting:",
        `  chatChannel: "${CHAT}"`,
        "  heartbeatUrlKey: heartbeat-url",
        "alerts:",
        ...FAST.map((name) => `  ${name}: { for: 5s }`),
        "",
      ].join("\n"),
      "e2e",
    );
    const service = (name: string, port: number) => ({
      targets: [`127.0.0.1:${port}`],
      labels: { __meta_kubernetes_service_name: name, __meta_kubernetes_endpointslice_port_name: "http-metrics" },
    });
    promConfig = writeLoopbackPrometheus(
      join(dir, "prometheus"),
      stack,
      artifacts.ruleFiles,
      { prometheus: [service("prometheus", promPort)], alertmanager: [service("alertmanager", amPort)] },
      [service("alertmanager", amPort)],
    );
    writeFileSync(join(dir, "prometheus", "rules", "slow.yaml"), toYaml(SLOW_RULES));

    // Alertmanager: the generated routes; chat to the capture server, the heartbeat to a port nothing listens on.
    const secrets = join(dir, "alertmanager", "secrets");
    mkdirSync(secrets, { recursive: true });
    mkdirSync(join(dir, "alertmanager", ALERTMANAGER_TEMPLATES_DIR), { recursive: true });
    const a = environment.settings.alerting;
    writeFileSync(join(secrets, a.chatWebhookUrlKey), `http://127.0.0.1:${receivers.httpPort}/slack`);
    writeFileSync(join(secrets, a.pagerRoutingKeyKey), "pager-key");
    writeFileSync(join(secrets, a.smtpPasswordKey), "unused");
    for (const [name, text] of Object.entries(ALERTMANAGER_TEMPLATES)) writeFileSync(join(dir, "alertmanager", ALERTMANAGER_TEMPLATES_DIR, name), text);
    const am = forAlertmanager025(alertmanagerConfig(environment.settings, artifacts.inhibitions), `http://127.0.0.1:${deadPort}/heartbeat`) as Record<string, any>;
    scaleWatchdogTimers(am.route as Route, HEARTBEAT_TIME_SCALE.single);
    for (const receiver of am.receivers as Record<string, any>[]) {
      for (const pd of receiver.pagerduty_configs ?? []) pd.url = `http://127.0.0.1:${receivers.httpPort}/pagerduty`;
    }
    amConfig = join(dir, "alertmanager", "alertmanager.yml");
    writeFileSync(amConfig, toYaml(am).replaceAll(`${ALERTMANAGER_SECRET_DIR}/`, `${secrets}/`));

    alertmanager = startProcess("prometheus-alertmanager", [
      `--config.file=${amConfig}`,
      `--storage.path=${join(dir, "alertmanager", "data")}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      `--web.external-url=${amUrl}`,
      "--cluster.listen-address=",
    ]);
    await eventually(async () => expect((await fetch(`${amUrl}/-/ready`)).status).toBe(200), 30_000);
    prometheus = startProcess("prometheus", [
      `--config.file=${promConfig}`,
      `--storage.tsdb.path=${join(dir, "prometheus", "data")}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      `--web.external-url=${promUrl}`,
      "--web.enable-lifecycle",
    ]);
    await eventually(async () => expect((await fetch(`${promUrl}/-/ready`)).status).toBe(200), 30_000);
  }, 90_000);

  afterAll(async () => {
    await prometheus?.stop();
    await alertmanager?.stop();
    await receivers.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const logs = () => `prometheus:\n${prometheus.output().slice(-3000)}\nalertmanager:\n${alertmanager.output().slice(-3000)}`;
  const receiversOf = (deliveries: readonly Delivery[]) => [...new Set(deliveries.map((d) => `${d.integration}:${d.to}`))].sort();
  /** The deliveries of an alert once it has reached a receiver; bounded, with the logs when it does not. */
  const arrival = (alertname: string, timeoutMs = 120_000) =>
    eventually(() => {
      const found = receivers.deliveries.filter((d) => d.alertnames.includes(alertname) && d.status === "firing");
      expect(found.length, alertname).toBeGreaterThan(0);
      return found;
    }, timeoutMs).catch((error: unknown) => {
      throw new Error(`${String(error)}\ndeliveries: ${JSON.stringify(receivers.deliveries.map((d) => [d.integration, d.to, d.alertnames, d.status]))}\n${logs()}`);
    });

  it.concurrent("GIVEN a rule group slower than its 1 s interval THEN PrometheusRuleGroupIterationsMissed names that group and reaches the chat", async () => {
    const found = await arrival("PrometheusRuleGroupIterationsMissed");
    expect(receiversOf(found)).toEqual([`slack:${CHAT}`]);
    expect(found.map((d) => d.text).join("\n")).toContain(SLOW_GROUP);
    // The slow group skips (on a busy machine the 1 s generated groups may skip too: it takes a core).
    const missed = (await (await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent("increase(prometheus_rule_group_iterations_missed_total[1m]) > 0")}`)).json()) as {
      data: { result: { metric: { rule_group: string } }[] };
    };
    expect(missed.data.result.map((r) => r.metric.rule_group)).toContainEqual(expect.stringMatching(new RegExp(`;${SLOW_GROUP}$`)));
    // Drop the slow group (it keeps a core busy) with a reload of the still valid configuration.
    rmSync(join(dir, "prometheus", "rules", "slow.yaml"));
    expect((await fetch(`${promUrl}/-/reload`, { method: "POST" })).status).toBe(200);
  }, 150_000);

  it.concurrent("GIVEN the heartbeat receiver does not answer THEN AlertmanagerNotificationsFailing for the webhook integration reaches the chat", async () => {
    const found = await arrival("AlertmanagerNotificationsFailing", 150_000);
    expect(receiversOf(found)).toEqual([`slack:${CHAT}`]);
    expect(found.map((d) => d.text).join("\n")).toContain("webhook");
  }, 180_000);

  it.concurrent("GIVEN a broken configuration reloaded into Alertmanager THEN AlertmanagerConfigReloadFailed reaches the chat through the old routes", async () => {
    writeFileSync(amConfig, "route: { receiver: nowhere }\nreceivers: []\n");
    expect((await fetch(`${amUrl}/-/reload`, { method: "POST" })).status).toBe(500);
    const found = await arrival("AlertmanagerConfigReloadFailed");
    expect(receiversOf(found)).toEqual([`slack:${CHAT}`]);
  }, 150_000);

  it("GIVEN a broken configuration reloaded into Prometheus THEN PrometheusConfigReloadFailed reaches the chat, and the old configuration keeps running", async () => {
    writeFileSync(promConfig, "scrape_configs: [ {job_name: broken, static_configs: [{targets: [':::']}]} ]\nnot_a_field: 1\n");
    expect((await fetch(`${promUrl}/-/reload`, { method: "POST" })).status).toBe(500);
    const found = await arrival("PrometheusConfigReloadFailed");
    expect(receiversOf(found)).toEqual([`slack:${CHAT}`]);
    // The rejected file's job never appeared; the running configuration's jobs still scrape.
    const jobs = (await (await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent("up == 1")}`)).json()) as { data: { result: { metric: { job: string } }[] } };
    expect(jobs.data.result.map((r) => r.metric.job).sort()).toEqual(["alertmanager", "prometheus"]);
  }, 150_000);
});
