import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BLACKBOX_MODULES, blackboxConfig, PROBE_ANNOTATION, probeScrapeJobs } from "../../src/components/blackbox-config.js";
import { scrapeConfigs } from "../../src/components/prometheus-config.js";
import { environmentSchema } from "../../src/config/environment-schema.js";
import { toYaml } from "../../src/model/serialize.js";
import { PROBE_JOB } from "../../rules/probes/catalog.js";
import { componentObjects, loadTestStack, only } from "../helpers/component-objects.js";
import { configErrorOf } from "../helpers/config-error.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { installed } from "../helpers/processes.js";
import { relabel } from "../helpers/relabel.js";
import { run, writeTree } from "./stack-fixtures.js";

const PROBES = [
  "probes:",
  "  - { name: llm-api-ready, url: 'http://llm-api.serving.svc:8000/health/ready', critical: true }",
  "  - { name: llm-api-live, url: 'http://llm-api.serving.svc:8000/health/live' }",
  "  - { name: postgres, url: 'postgres.db.svc:5432', module: tcp_connect }",
  "",
].join("\n");
const stack = loadTestStack(PROBES);
const jobs = probeScrapeJobs(stack.stack);
const job = (name: string) => jobs.find((j) => j.job_name === name) as Record<string, any>;

describe("blackbox-exporter construct", () => {
  const objects = componentObjects(stack, "blackboxExporter");
  const deployment = only(objects, "Deployment", "blackbox-exporter");
  const pod = deployment.spec.template.spec;

  it("GIVEN the definition WHEN synthesized THEN a pinned image runs restricted as nobody, without a token, on 9115", () => {
    expect(pod.containers[0].image).toBe("quay.io/prometheus/blackbox-exporter:v0.27.0");
    expect(pod.securityContext).toMatchObject({ runAsUser: 65534, runAsNonRoot: true });
    expect(pod.containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(only(objects, "Service", "blackbox-exporter").spec.ports).toEqual([{ name: "http-metrics", port: 9115, targetPort: "http-metrics", protocol: "TCP" }]);
  });

  it("GIVEN the modules WHEN synthesized THEN the ConfigMap holds them and the pod rolls when they change", () => {
    const config = only(objects, "ConfigMap", "blackbox-exporter-config").data["blackbox.yml"];
    expect(config).toBe(toYaml(blackboxConfig()));
    expect(deployment.spec.template.metadata.annotations["checksum/config"]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("GIVEN the schema WHEN its probe modules are read THEN they are exactly the exporter's modules", () => {
    expect(environmentSchema.properties.probes.items.properties.module.enum).toEqual(Object.keys(BLACKBOX_MODULES));
  });
});

describe("probe scrape jobs", () => {
  it("GIVEN listed probes WHEN the job is built THEN each is a /probe target with its name, module and criticality", () => {
    const listed = job(PROBE_JOB.listed);
    expect(listed.metrics_path).toBe("/probe");
    expect(listed.static_configs).toEqual([
      { targets: ["http://llm-api.serving.svc:8000/health/ready"], labels: { probe: "llm-api-ready", module: "http_2xx", critical: "true" } },
      { targets: ["http://llm-api.serving.svc:8000/health/live"], labels: { probe: "llm-api-live", module: "http_2xx" } },
      { targets: ["postgres.db.svc:5432"], labels: { probe: "postgres", module: "tcp_connect" } },
    ]);
    const target = relabel({ __address__: "postgres.db.svc:5432", probe: "postgres", module: "tcp_connect" }, listed.relabel_configs);
    expect(target).toMatchObject({
      __address__: "blackbox-exporter.nfops-monitoring.svc:9115",
      __param_target: "postgres.db.svc:5432",
      __param_module: "tcp_connect",
      instance: "postgres.db.svc:5432",
    });
  });

  it("GIVEN no listed probes WHEN the jobs are built THEN only the annotated-Service job remains", () => {
    expect(probeScrapeJobs(loadTestStack("").stack).map((j) => j.job_name)).toEqual([PROBE_JOB.services]);
  });

  it("GIVEN the standalone stack WHEN its scrape configuration is built THEN the exporter's own job is followed by its probe jobs", () => {
    const names = scrapeConfigs(stack.stack).map((j) => j.job_name);
    expect(names.slice(names.indexOf("blackbox-exporter"), names.indexOf("blackbox-exporter") + 3)).toEqual(["blackbox-exporter", PROBE_JOB.listed, PROBE_JOB.services]);
  });

  describe("annotated Services", () => {
    const meta = (name: string) => `__meta_kubernetes_service_annotation_${name.replace(/[^a-zA-Z0-9]/g, "_")}`;
    const service = (annotations: Record<string, string>, port = "8000") => ({
      __address__: `llm-api.serving.svc:${port}`,
      __meta_kubernetes_namespace: "serving",
      __meta_kubernetes_service_name: "llm-api",
      __meta_kubernetes_service_port_number: port,
      ...Object.fromEntries(Object.entries(annotations).map(([k, v]) => [meta(k), v])),
    });
    const discovered = (labels: Record<string, string>) => relabel(labels, job(PROBE_JOB.services).relabel_configs);

    it("GIVEN a Service without the annotation THEN it is not probed", () => {
      expect(discovered(service({}))).toBeUndefined();
      expect(discovered(service({ [PROBE_ANNOTATION.enabled]: "false" }))).toBeUndefined();
    });

    it("GIVEN the annotation alone THEN GET / of each port is probed with http_2xx, labelled with namespace and service", () => {
      expect(discovered(service({ [PROBE_ANNOTATION.enabled]: "true" }))).toMatchObject({
        __param_target: "http://llm-api.serving.svc:8000/",
        __param_module: "http_2xx",
        instance: "http://llm-api.serving.svc:8000/",
        namespace: "serving",
        service: "llm-api",
        probe: "llm-api",
        __address__: "blackbox-exporter.nfops-monitoring.svc:9115",
      });
    });

    it("GIVEN path, port, criticality and module annotations THEN they shape the probe", () => {
      const annotated = { [PROBE_ANNOTATION.enabled]: "true", [PROBE_ANNOTATION.path]: "/health/ready", [PROBE_ANNOTATION.port]: "8000", [PROBE_ANNOTATION.critical]: "true" };
      expect(discovered(service(annotated))).toMatchObject({ __param_target: "http://llm-api.serving.svc:8000/health/ready", critical: "true" });
      // Another port of the same Service is not probed when a port is named.
      expect(discovered(service(annotated, "9090"))).toBeUndefined();
      const tcp = discovered(service({ [PROBE_ANNOTATION.enabled]: "true", [PROBE_ANNOTATION.module]: "tcp_connect" }));
      expect(tcp).toMatchObject({ __param_target: "llm-api.serving.svc:8000", __param_module: "tcp_connect" });
      expect(tcp?.critical).toBeUndefined();
    });
  });
});

describe("probe settings", () => {
  const problems = (yaml: string) => configErrorOf(() => loadTestEnvironment(yaml));

  it.each([
    ["a duplicated name", "probes:\n  - { name: api, url: 'http://a/' }\n  - { name: api, url: 'http://b/' }\n", "stacks/test.yaml:3:13: /probes/1/name: is used by an earlier probe; names must be unique (value: \"api\")"],
    ["an HTTP probe without a URL scheme", "probes:\n  - { name: api, url: 'api.web.svc/health' }\n", "/probes/0/url: must be an http:// or https:// URL for module http_2xx (value: \"api.web.svc/health\")"],
    ["a TCP probe with a URL", "probes:\n  - { name: db, url: 'http://db:5432', module: tcp_connect }\n", "/probes/0/url: must be host:port for module tcp_connect (value: \"http://db:5432\")"],
    ["an unknown module", "probes:\n  - { name: db, url: 'db:5432', module: icmp }\n", "/probes/0/module: must be one of \"http_2xx\", \"tcp_connect\""],
    ["probes without the exporter", "profile: operator\nprobes:\n  - { name: api, url: 'http://a/' }\n", "/probes: needs the blackbox exporter, which this environment does not deploy"],
  ])("GIVEN %s WHEN loading THEN the error names file, path and value", (_what, yaml, expected) => {
    expect(problems(yaml)).toContain(expected);
  });
});

describe.skipIf(!installed("prometheus-blackbox-exporter"))("the real blackbox exporter's own check", () => {
  const dir = writeTree({ "blackbox.yml": toYaml(blackboxConfig()) });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("GIVEN the generated modules WHEN prometheus-blackbox-exporter --config.check reads them THEN they are valid", () => {
    const result = run("prometheus-blackbox-exporter", ["--config.check", `--config.file=${join(dir, "blackbox.yml")}`]);
    expect(result.status, result.output).toBe(0);
  });

  it("GIVEN a broken module WHEN checked THEN the exporter rejects it (the check can fail)", () => {
    writeFileSync(join(dir, "broken.yml"), toYaml({ modules: { http_2xx: { prober: "http", http: { no_such_option: true } } } }));
    expect(run("prometheus-blackbox-exporter", ["--config.check", `--config.file=${join(dir, "broken.yml")}`]).status).not.toBe(0);
  });
});
