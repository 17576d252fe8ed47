import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUT_PRODUCERS } from "../../src/catalog/input-contracts.js";
import { runDoctor } from "../../src/doctor/run-doctor.js";
import { ruleFileYaml, type RuleFile } from "../../src/model/artifacts.js";
import type { DoctorContext, DoctorFinding } from "../../src/model/stack-model.js";
import { toYaml } from "../../src/model/serialize.js";
import { PrometheusClient } from "../../src/report/prometheus-client.js";
import { buildArtifacts } from "../../src/synth/render-environment.js";
import { producerScopes } from "../../rules/inputs/producer-scope.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { eventually } from "../helpers/eventually.js";
import { contractSeries, seriesText, type ContractSeries } from "../helpers/input-alert-tests.js";
import { runNfops } from "../helpers/nfops-cli.js";
import { packContext } from "../helpers/packs.js";
import { freePort, installed, startProcess, type RunningProcess } from "../helpers/processes.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";

const ready = installed("prometheus");
if (!ready) console.warn("SKIPPED doctor e2e: needs the Debian package prometheus.");

/**
 * `nfops doctor` against a real Prometheus 2.42 on loopback that scrapes fake exporters served from
 * this test and loads the environment's generated rule files. The healthy fleet writes what the
 * input contracts say (generated from the same data as the alerts' promtool cases); each scenario
 * then breaks one contract, waits until doctor reports exactly that kind of finding, restores the
 * fleet and waits until doctor reports nothing again. Bounded: every wait is 40 s at most.
 */
const ENV_YAML = "scrapeInterval: 2s\nkubernetes: { enabled: false }\ncomponents: { blackboxExporter: false }\n";
const WAIT_MS = 40_000;

const { environment } = loadTestEnvironment(ENV_YAML, "doctor");
const pack = packContext(environment);
const artifacts = buildArtifacts(pack);
const scopes = producerScopes(pack.stack, pack.packs).filter((scope) => scope.by.includes("job"));
const jobOf = (matcher: string) => /job="([^"]+)"/.exec(matcher)?.[1] ?? "";
const JOB = { dcgm: jobOf(scopes.find((s) => s.producer === "dcgm-exporter")?.jobMatcher ?? ""), node: "node-exporter", ksm: "kube-state-metrics" };

/** What each fake exporter serves now, by job; a job set to a number answers with that HTTP status. */
type Fleet = Map<string, ContractSeries[] | number>;

function healthyFleet(): Fleet {
  return new Map(scopes.map((scope) => [jobOf(scope.jobMatcher), contractSeries(scope).healthy]));
}

function exposition(series: readonly ContractSeries[]): string {
  return series.map((s) => `${seriesText(s).replace("{}", "")} 1\n`).join("");
}

interface PrometheusSetup {
  readonly ruleFiles: readonly RuleFile[];
  readonly alerting: boolean;
  readonly intervals: Readonly<Record<string, string>>;
}

const PROMETHEUS_JOB = pack.stack.job("prometheus");

const HEALTHY_SETUP: PrometheusSetup = { ruleFiles: artifacts.ruleFiles, alerting: true, intervals: {} };

describe.skipIf(!ready)("nfops doctor end to end", () => {
  const dir = mkdtempSync(join(tmpdir(), "nfops-doctor-e2e-"));
  let fleet: Fleet = healthyFleet();
  let server: Server;
  let port = 0;
  let prometheus: RunningProcess | undefined;
  let url = "";
  let promPort = 0;
  let context: DoctorContext;
  let project: TempProject;

  const writeConfig = (setup: PrometheusSetup) => {
    rmSync(join(dir, "rules"), { recursive: true, force: true });
    mkdirSync(join(dir, "rules"));
    for (const file of setup.ruleFiles) writeFileSync(join(dir, "rules", `${file.name}.yaml`), ruleFileYaml(file));
    const target = `127.0.0.1:${port}`;
    const config = {
      global: { scrape_interval: environment.settings.scrapeInterval, evaluation_interval: environment.settings.scrapeInterval },
      rule_files: ["rules/*.yaml"],
      ...(setup.alerting ? { alerting: { alertmanagers: [{ api_version: "v2", static_configs: [{ targets: [target] }] }] } } : {}),
      scrape_configs: [
        ...[...fleet.keys()].map((job) => ({
          job_name: job,
          metrics_path: `/metrics/${job}`,
          ...(setup.intervals[job] ? { scrape_interval: setup.intervals[job] } : {}),
          static_configs: [{ targets: [target] }],
        })),
        // Prometheus scrapes itself under the stack's job, as the stack pack's conditions expect.
        { job_name: PROMETHEUS_JOB, static_configs: [{ targets: [`127.0.0.1:${promPort}`] }] },
      ],
    };
    writeFileSync(join(dir, "prometheus.yml"), toYaml(config));
  };

  const reload = async (setup: PrometheusSetup) => {
    writeConfig(setup);
    const response = await fetch(`${url}/-/reload`, { method: "POST" });
    expect(response.status, await response.text()).toBe(200);
  };

  const kinds = (findings: readonly DoctorFinding[]) => [...new Set(findings.map((f) => f.kind))].sort();

  /** Waits until doctor reports exactly these kinds (none: a healthy fleet). */
  const doctorReports = (expected: readonly string[]) =>
    eventually(async () => {
      const findings = await runDoctor(context);
      expect(kinds(findings), JSON.stringify(findings, null, 1)).toEqual([...expected].sort());
      return findings;
    }, WAIT_MS);

  beforeAll(async () => {
    server = createServer((req, res) => {
      const job = /^\/metrics\/(.+)$/.exec(req.url ?? "")?.[1];
      const served = job !== undefined ? fleet.get(job) : undefined;
      if (typeof served === "number") res.writeHead(served).end("broken on purpose\n");
      else if (served) res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(exposition(served));
      else res.writeHead(200, { "content-type": "application/json" }).end("{}"); // Alertmanager's /api/v2/alerts
    }).listen(0, "127.0.0.1");
    await once(server, "listening");
    port = (server.address() as { port: number }).port;
    promPort = await freePort();
    url = `http://127.0.0.1:${promPort}`;
    writeConfig(HEALTHY_SETUP);
    prometheus = startProcess("prometheus", [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      "--web.enable-lifecycle",
    ]);
    const client = new PrometheusClient({ baseUrl: url, timeoutMs: 5_000 });
    context = { ...pack, artifacts, prometheus: { query: (expr) => client.instantQuery(expr, new Date()), get: (path) => client.getData(path) } };
    project = tempProject();
    project.write("stacks/doctor.yaml", ENV_YAML);
    await eventually(async () => expect((await fetch(`${url}/-/ready`)).ok).toBe(true), WAIT_MS);
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    server?.close();
    project?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it("GIVEN the fleet scrapes the producers the environment reads THEN the test covers the exporters with a job of their own", () => {
    expect(scopes.map((s) => s.producer).sort()).toEqual(["cost-exporter", "dcgm-exporter", "grafana", "kube-state-metrics", "loki", "node-exporter", "tempo"]);
  });

  it("GIVEN a healthy fleet THEN doctor finds nothing, and the CLI says so with exit 0", async () => {
    await doctorReports([]);
    const cli = await runNfops(["doctor", "--prometheus", url, "--env", "doctor", "--root", project.root], 60_000);
    expect(cli.stderr).toBe("");
    expect(cli.stdout).toMatch(/^no findings \(\d+ checks\)\n$/);
    expect(cli.status).toBe(0);
  }, 120_000);

  // One broken contract at a time: what breaks, the kind doctor must report, how to restore.
  const dcgmWithout = (metric: string) => (fleet.get(JOB.dcgm) as ContractSeries[]).filter((s) => s.name !== metric);
  const brokenSeries = (producer: "dcgm-exporter" | "node-exporter", label: string) => {
    const scope = scopes.find((s) => s.producer === producer);
    const check = INPUT_PRODUCERS[producer].labelChecks.find((c) => c.label === label);
    if (!scope || !check) throw new Error(`no ${label} check of ${producer}`);
    const { healthy, broken } = contractSeries(scope);
    return [...healthy.filter((s) => s.name !== check.metric), broken(check)];
  };
  const scenarios: Array<{ kind: string; what: string; breakIt: () => Promise<void> | void }> = [
    { kind: "metric-missing", what: "dcgm-exporter with the GPU Operator's collectors file (no DCGM_FI_DEV_CLOCKS_EVENT_REASONS)", breakIt: () => void fleet.set(JOB.dcgm, dcgmWithout("DCGM_FI_DEV_CLOCKS_EVENT_REASONS")) },
    { kind: "label-missing", what: "node-exporter scraped without the node relabelling (kube-prometheus-stack's default)", breakIt: () => void fleet.set(JOB.node, brokenSeries("node-exporter", "node")) },
    { kind: "honor-labels-leak", what: "dcgm-exporter under honorLabels: an unheld GPU carries the exporter's own pod", breakIt: () => void fleet.set(JOB.dcgm, brokenSeries("dcgm-exporter", "pod")) },
    { kind: "job-down", what: "node-exporter answers HTTP 500", breakIt: () => void fleet.set(JOB.node, 500) },
    {
      kind: "job-missing",
      what: "no scrape job for kube-state-metrics",
      breakIt: async () => {
        fleet.delete(JOB.ksm);
        await reload(HEALTHY_SETUP);
      },
    },
    { kind: "scrape-interval", what: "kube-state-metrics scraped every 3s instead of 2s", breakIt: () => reload({ ...HEALTHY_SETUP, intervals: { [JOB.ksm]: "3s" } }) },
    { kind: "rule-group-missing", what: "the co2 rule file not loaded", breakIt: () => reload({ ...HEALTHY_SETUP, ruleFiles: artifacts.ruleFiles.filter((f) => f.name !== "co2") }) },
    {
      kind: "rule-group-errors",
      what: "a group of the environment whose rule fails to evaluate (many-to-many match)",
      breakIt: () =>
        reload({
          ...HEALTHY_SETUP,
          ruleFiles: [...artifacts.ruleFiles.filter((f) => f.name !== "inputs"), { name: "inputs", groups: [{ name: "nfops-inputs", interval: "2s", rules: [{ record: "doctor:many_to_many", expr: "up + on () up" }] }] }],
        }),
    },
    { kind: "alertmanagers-missing", what: "no alerting section", breakIt: () => reload({ ...HEALTHY_SETUP, alerting: false }) },
    {
      // The stack pack's PrometheusConfigReloadFailed, from prometheus_config_last_reload_successful = 0.
      kind: "stack-alert",
      what: "a configuration Prometheus rejects on /-/reload (the old one keeps running)",
      breakIt: async () => {
        writeFileSync(join(dir, "prometheus.yml"), "scrape_configs: [{ job_name: broken, static_configs: [{ targets: [not a target] }] }]\nnot_a_setting: 1\n");
        const response = await fetch(`${url}/-/reload`, { method: "POST" });
        expect(response.status).not.toBe(200);
      },
    },
  ];
  it("GIVEN the scenarios THEN they break at least 8 distinct kinds of contract", () => {
    expect(new Set(scenarios.map((s) => s.kind)).size).toBeGreaterThanOrEqual(8);
  });

  it.each(scenarios)("GIVEN $what THEN doctor reports $kind and nothing else, and nothing once restored", async ({ breakIt, kind }) => {
    try {
      await breakIt();
      const findings = await doctorReports([kind]);
      for (const f of findings) expect(f.fix.length, f.subject).toBeGreaterThan(10);
      if (kind === "stack-alert") expect(findings.map((f) => f.subject)).toEqual([`PrometheusConfigReloadFailed job=${PROMETHEUS_JOB} instance=127.0.0.1:${promPort}`]);
    } finally {
      fleet = healthyFleet();
      await reload(HEALTHY_SETUP);
    }
    await doctorReports([]);
  }, 120_000);

  it("GIVEN a broken contract THEN the CLI prints one line per finding with its fix, JSON on request, and exits 1", async () => {
    fleet.set(JOB.dcgm, dcgmWithout("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL"));
    await doctorReports(["metric-missing"]);
    const text = await runNfops(["doctor", "--prometheus", url, "--env", "doctor", "--root", project.root], 60_000);
    expect(text.stdout).toBe(
      "metric-missing DCGM_FI_DEV_ECC_DBE_VOL_TOTAL: dcgm-exporter answers but writes no DCGM_FI_DEV_ECC_DBE_VOL_TOTAL (0 series). Fix: turn it on: `DCGM_FI_DEV_ECC_DBE_VOL_TOTAL` in the collectors file (-f / DCGM_EXPORTER_COLLECTORS)\n",
    );
    expect(text.status).toBe(1);
    const json = await runNfops(["doctor", "--prometheus", url, "--env", "doctor", "--root", project.root, "--format", "json"], 60_000);
    expect((JSON.parse(json.stdout) as { findings: DoctorFinding[] }).findings.map((f) => f.kind)).toEqual(["metric-missing"]);
    expect(json.status).toBe(1);
    fleet = healthyFleet();
    await doctorReports([]);
  }, 120_000);

  it("GIVEN a Prometheus that is not there THEN the CLI exits 2 and says so", async () => {
    const closed = await freePort();
    const cli = await runNfops(["doctor", "--prometheus", `http://127.0.0.1:${closed}`, "--env", "doctor", "--root", project.root, "--timeout", "2"], 60_000);
    expect(cli.stderr).toContain(`Prometheus at http://127.0.0.1:${closed} is unreachable`);
    expect(cli.status).toBe(2);
  }, 60_000);
});
