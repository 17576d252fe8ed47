import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATASOURCE_UID } from "../../src/components/grafana-datasources.js";
import { synthesize } from "../../src/synth/synthesize.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";
import { componentObjects, loadTestStack } from "../helpers/component-objects.js";
import { validateObject } from "../helpers/validate-kubernetes-object.js";
import { run } from "./stack-fixtures.js";

type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; [key: string]: any };

let project: TempProject;
/** Objects per environment: the repository's stacks (standalone `default`, `prod`, `prod-ha`, `prod-thanos`; operator `kps`) plus one with remote write. */
const objects = new Map<string, KubeObject[]>();

beforeAll(() => {
  project = tempProject({ stacks: "repository" });
  project.write("stacks/remote.yaml", "prometheus:\n  remoteWriteUrl: https://metrics.example.com/api/v1/write\n  remoteWriteSecretName: remote-write\n");
  synthesize(project);
  for (const env of readdirSync(project.distDir).filter((d) => d !== "schemas")) {
    const dir = join(project.distDir, env, "manifests");
    const files = walk(dir).filter((f) => !f.endsWith("kustomization.yaml"));
    objects.set(env, files.map((f) => parse(readFileSync(f, "utf8")) as KubeObject));
  }
});
afterAll(() => project.remove());

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function find(env: string, kind: string, name: string): KubeObject {
  const found = objects.get(env)?.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`${env}: no ${kind}/${name}`);
  return found;
}

describe("synthesized manifests", () => {
  it("GIVEN every environment WHEN validating every object against kubernetes-models and the prometheus-operator models THEN all are valid", () => {
    expect([...objects.keys()].sort()).toEqual(["bench", "default", "kps", "llm", "prod", "prod-ha", "prod-thanos", "remote"]);
    for (const [env, list] of objects) {
      expect(list.length, env).toBeGreaterThan(0);
      for (const object of list) expect(() => validateObject(object), `${env}: ${object.kind}/${object.metadata.name}`).not.toThrow();
    }
  });

  it("GIVEN a broken or unknown object WHEN validating THEN the validator rejects it", () => {
    const service = find("default", "Service", "prometheus");
    expect(() => validateObject(service)).not.toThrow();
    expect(() => validateObject({ ...service, spec: { ...service.spec, ports: [{ port: "not-a-number" }] } })).toThrow(/Service prometheus is invalid/);
    expect(() => validateObject({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } })).toThrow(/no schema/);
  });

  it("GIVEN every environment WHEN kubectl builds dist/<env>/manifests THEN kustomize succeeds with every object", () => {
    for (const [env, list] of objects) {
      const result = run("kubectl", ["kustomize", join(project.distDir, env, "manifests")]);
      expect(result.status, `${env}: ${result.output}`).toBe(0);
      expect(result.output.split(/^---$/m).length, env).toBe(list.length);
    }
  });

  it("GIVEN the standalone profile WHEN reading the Prometheus objects THEN rules equal dist/<env>/rules, retention comes from config and RBAC is read-only", () => {
    const rules = find("prod", "ConfigMap", "prometheus-rules");
    const ruleDir = join(project.distDir, "prod", "rules");
    const onDisk = readdirSync(ruleDir);
    expect(Object.keys(rules.data).sort()).toEqual(onDisk.sort());
    for (const name of onDisk) {
      // dist files carry the generated header; the ConfigMap holds the same YAML below it.
      expect(readFileSync(join(ruleDir, name), "utf8").endsWith(rules.data[name]), name).toBe(true);
    }
    const statefulSet = find("prod", "StatefulSet", "prometheus");
    const args: string[] = statefulSet.spec.template.spec.containers[0].args;
    expect(args).toContain("--storage.tsdb.retention.time=30d");
    // prod: 200 GiB volume, 85 % of it.
    expect(args).toContain(`--storage.tsdb.retention.size=${Math.floor(200 * 1024 * 0.85)}MB`);
    expect(statefulSet.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: "fast-ssd", resources: { requests: { storage: "200Gi" } } });
    expect(statefulSet.spec.template.metadata.annotations["checksum/config"]).toMatch(/^[0-9a-f]{64}$/);
    const role = find("prod", "ClusterRole", "nfops-monitoring-prometheus");
    const verbs = new Set(role.rules.flatMap((r: { verbs: string[] }) => r.verbs));
    expect([...verbs].sort()).toEqual(["get", "list", "watch"]);
    expect(role.rules).toContainEqual({ nonResourceURLs: ["/metrics"], verbs: ["get"] });
  });

  it("GIVEN two environments that differ only in a rule threshold WHEN Prometheus is synthesized THEN its configuration is the same but the checksum differs, so the pod rolls", () => {
    const prometheusOf = (yaml: string) => componentObjects(loadTestStack(yaml), "prometheus");
    const before = prometheusOf("");
    const after = prometheusOf("gpu:\n  temperatureCelsius: 90\n");
    const data = (objects: KubeObject[], name: string) => objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === name)?.data;
    expect(data(after, "prometheus-config")).toEqual(data(before, "prometheus-config"));
    expect(data(after, "prometheus-rules")).not.toEqual(data(before, "prometheus-rules"));
    const checksum = (objects: KubeObject[]) => objects.find((o) => o.kind === "StatefulSet")?.spec.template.metadata.annotations["checksum/config"];
    expect(checksum(after)).not.toBe(checksum(before));
  });

  it("GIVEN remote write WHEN reading the Prometheus pod THEN only the Secret's password key is mounted where password_file points", () => {
    const pod = find("remote", "StatefulSet", "prometheus").spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: "remote-write", secret: { secretName: "remote-write", items: [{ key: "password", path: "password" }] } });
    const config = parse(find("remote", "ConfigMap", "prometheus-config").data["prometheus.yml"]);
    expect(config.remote_write[0].basic_auth.password_file).toBe("/etc/prometheus/secrets/remote-write/password");
  });

  it("GIVEN the standalone profile WHEN reading Alertmanager THEN config and templates are projected and the receiver Secret is mounted", () => {
    const pod = find("default", "StatefulSet", "alertmanager").spec.template.spec;
    const projected = pod.volumes.find((v: { name: string }) => v.name === "config").projected.sources;
    expect(projected.map((s: { configMap: { name: string } }) => s.configMap.name)).toEqual(["alertmanager-config", "alertmanager-templates"]);
    expect(pod.volumes).toContainEqual({ name: "receivers", secret: { secretName: "nfops-alertmanager-receivers" } });
    expect(pod.containers[0].args).toContain("--config.file=/etc/alertmanager/alertmanager.yml");
  });

  it("GIVEN the standalone profile WHEN reading Grafana THEN datasources have fixed uids and correlations, dashboards are one ConfigMap each, and access is locked down", () => {
    const provisioning = find("default", "ConfigMap", "grafana-provisioning");
    const datasources = parse(provisioning.data["datasources.yaml"]).datasources as { uid: string; jsonData: any }[];
    expect(datasources.map((d) => d.uid)).toEqual([DATASOURCE_UID.prometheus, DATASOURCE_UID.loki, DATASOURCE_UID.tempo, DATASOURCE_UID.alertmanager]);
    const byUid = new Map(datasources.map((d) => [d.uid, d.jsonData]));
    expect(byUid.get(DATASOURCE_UID.prometheus).exemplarTraceIdDestinations).toEqual([{ name: "trace_id", datasourceUid: DATASOURCE_UID.tempo }]);
    expect(byUid.get(DATASOURCE_UID.loki).derivedFields[0]).toMatchObject({ name: "trace_id", datasourceUid: DATASOURCE_UID.tempo, url: "$${__value.raw}" });
    expect(byUid.get(DATASOURCE_UID.tempo).tracesToLogsV2).toMatchObject({ datasourceUid: DATASOURCE_UID.loki });
    expect(parse(provisioning.data["dashboards.yaml"]).providers[0]).toMatchObject({ folder: "nfops", options: { path: "/etc/grafana/dashboards" } });

    const dashboards = readdirSync(join(project.distDir, "default", "dashboards"));
    for (const file of dashboards) {
      const configMap = find("default", "ConfigMap", `grafana-dashboard-${file.replace(/\.json$/, "")}`);
      expect(configMap.data[file]).toBe(readFileSync(join(project.distDir, "default", "dashboards", file), "utf8"));
    }
    const container = find("default", "Deployment", "grafana").spec.template.spec.containers[0];
    const env = Object.fromEntries(container.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(env).toMatchObject({
      GF_AUTH_ANONYMOUS_ENABLED: "false",
      GF_USERS_ALLOW_SIGN_UP: "false",
      GF_SECURITY_ADMIN_PASSWORD__FILE: "/etc/grafana/admin/admin-password",
    });
    expect(container.readinessProbe.httpGet.path).toBe("/api/health");
    expect(find("default", "PersistentVolumeClaim", "grafana").spec.resources.requests.storage).toBe("5Gi");
  });

  it("GIVEN the operator profile WHEN listing objects THEN there are PrometheusRules, monitors and sidecar dashboards but no Prometheus, Alertmanager or Grafana workload", () => {
    const list = objects.get("kps") ?? [];
    const workloads = list.filter((o) => ["StatefulSet", "Deployment", "DaemonSet"].includes(o.kind)).map((o) => o.metadata.name);
    for (const name of ["prometheus", "alertmanager", "grafana"]) expect(workloads).not.toContain(name);
    const rules = list.filter((o) => o.kind === "PrometheusRule");
    expect(rules.map((r) => r.metadata.name).sort()).toEqual(readdirSync(join(project.distDir, "kps", "rules")).map((f) => `nfops-${f.replace(/\.yaml$/, "")}`).sort());
    for (const rule of rules) expect(rule.metadata.labels?.release).toBe("kube-prometheus-stack");
    expect(list.filter((o) => o.kind === "ServiceMonitor").map((o) => o.metadata.name).sort()).toEqual(["dcgm-exporter", "nfops-cost-exporter"]);
    // prometheus-operator adds namespace/pod/container target labels: dcgm's own (the pod holding the GPU) must win.
    expect(find("kps", "ServiceMonitor", "dcgm-exporter").spec.endpoints[0].honorLabels).toBe(true);
    expect(find("kps", "ServiceMonitor", "nfops-cost-exporter").spec.endpoints[0].honorLabels).toBeUndefined();
    expect(find("kps", "PodMonitor", "inference").spec.namespaceSelector).toEqual({ any: true });
    const dashboards = list.filter((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("grafana-dashboard-"));
    expect(dashboards.length).toBe(readdirSync(join(project.distDir, "kps", "dashboards")).length);
    for (const d of dashboards) expect(d.metadata.labels?.grafana_dashboard).toBe("1");
  });

  it("GIVEN every environment WHEN listing the manifest files THEN paths are stable <chart>/<kind>-<name>.yaml", () => {
    const files = walk(join(project.distDir, "default", "manifests")).map((f) => relative(join(project.distDir, "default", "manifests"), f));
    expect(files).toEqual(expect.arrayContaining(["prometheus/statefulset-prometheus.yaml", "alertmanager/statefulset-alertmanager.yaml", "grafana/deployment-grafana.yaml"]));
  });
});
