import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackboxConfig, probeScrapeJobs } from "../../src/components/blackbox-config.js";
import { toYaml } from "../../src/model/serialize.js";
import { PROBE_JOB, PROBE_METRIC } from "../../rules/probes/catalog.js";
import { loadTestStack } from "../helpers/component-objects.js";
import { eventually } from "../helpers/eventually.js";
import { freePort, installed, queryPrometheus, startProcess, type RunningProcess } from "../helpers/processes.js";

const ready = installed("prometheus") && installed("prometheus-blackbox-exporter");
if (!ready) console.warn("SKIPPED blackbox e2e: needs the Debian packages prometheus and prometheus-blackbox-exporter.");

/**
 * The generated probe job and modules in real processes on loopback: a local HTTP service whose
 * readiness endpoint answers 200 and liveness 503, the Debian blackbox exporter running the
 * generated `blackbox.yml`, and Prometheus scraping the generated `probes` job every second. The
 * only change made for the test is the exporter's address (its in-cluster Service name) and the
 * interval; the annotated-Service job needs Kubernetes discovery, which this Prometheus lacks.
 */
describe.skipIf(!ready)("endpoint probes through the real blackbox exporter and Prometheus", () => {
  let service: Server;
  let closedPort: number;
  let exporter: RunningProcess;
  let prometheus: RunningProcess;
  let prometheusUrl: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nfops-blackbox-"));
    service = createServer((request, response) => {
      response.statusCode = request.url === "/health/ready" ? 200 : 503;
      response.end(request.url === "/health/ready" ? '{"status":"ready"}' : '{"status":"down"}');
    }).listen(0, "127.0.0.1");
    await once(service, "listening");
    const servicePort = (service.address() as { port: number }).port;
    closedPort = await freePort();

    const exporterPort = await freePort();
    writeFileSync(join(dir, "blackbox.yml"), toYaml(blackboxConfig()));
    exporter = startProcess("prometheus-blackbox-exporter", [`--config.file=${join(dir, "blackbox.yml")}`, `--web.listen-address=127.0.0.1:${exporterPort}`]);

    const { stack } = loadTestStack(
      [
        "probes:",
        `  - { name: api-ready, url: 'http://127.0.0.1:${servicePort}/health/ready', critical: true }`,
        `  - { name: api-live, url: 'http://127.0.0.1:${servicePort}/health/live' }`,
        `  - { name: api-port, url: '127.0.0.1:${servicePort}', module: tcp_connect }`,
        `  - { name: nothing-listens, url: '127.0.0.1:${closedPort}', module: tcp_connect }`,
        "",
      ].join("\n"),
    );
    const listed = probeScrapeJobs(stack).find((j) => j.job_name === PROBE_JOB.listed) as Record<string, any>;
    const adapted = {
      ...listed,
      relabel_configs: listed.relabel_configs.map((r: Record<string, unknown>) =>
        r.target_label === "__address__" && r.replacement !== undefined ? { ...r, replacement: `127.0.0.1:${exporterPort}` } : r,
      ),
    };
    writeFileSync(join(dir, "prometheus.yml"), toYaml({ global: { scrape_interval: "1s", scrape_timeout: "1s" }, scrape_configs: [adapted] }));
    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    prometheus = startProcess("prometheus", [`--config.file=${join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`]);
  });

  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.stop();
    service?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("GIVEN four listed probes WHEN Prometheus scrapes them through the exporter THEN the live ones succeed and the failing ones report 0, with their labels", async () => {
    const results = await eventually(async () => {
      const samples = await queryPrometheus(prometheusUrl, `${PROBE_METRIC.success}{job="${PROBE_JOB.listed}"}`);
      expect(samples).toHaveLength(4);
      return samples;
    }, 60_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\nprometheus:\n${prometheus.output()}\nblackbox exporter:\n${exporter.output()}`);
    });
    const byProbe = new Map(results.map((s) => [s.metric.probe, s]));
    expect(Object.fromEntries([...byProbe].map(([probe, s]) => [probe, s.value[1]]))).toEqual({
      "api-ready": "1",
      "api-live": "0",
      "api-port": "1",
      "nothing-listens": "0",
    });
    expect(byProbe.get("api-ready")?.metric).toMatchObject({ module: "http_2xx", critical: "true", instance: expect.stringMatching(/\/health\/ready$/) });
    expect(byProbe.get("api-live")?.metric.critical).toBeUndefined();
    const status = await queryPrometheus(prometheusUrl, `${PROBE_METRIC.httpStatusCode}{probe="api-live"}`);
    expect(status.map((s) => s.value[1])).toEqual(["503"]);
  });
});
