import { join } from "node:path";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { ALERTMANAGER_TEMPLATES, ALERTMANAGER_TEMPLATES_DIR, alertmanagerConfig } from "../../src/components/alertmanager-config.js";
import { ALERTMANAGER_CLUSTER_PORT } from "../../src/components/alertmanager-cluster.js";
import { HA_REPLICAS } from "../../src/components/high-availability.js";
import { NetworkPolicies } from "../../src/components/network-policies.js";
import { PROMETHEUS_REPLICA_LABEL, prometheusConfig } from "../../src/components/prometheus-config.js";
import { ruleFileYaml } from "../../src/model/artifacts.js";
import { toYaml } from "../../src/model/serialize.js";
import { stackNotices } from "../../src/synth/render-environment.js";
import { forAlertmanager025 } from "../helpers/alertmanager-025.js";
import { configErrorOf } from "../helpers/config-error.js";
import { componentObjects, loadTestStack, only, synthObjects, type KubeObject } from "../helpers/component-objects.js";
import { promtoolCheckConfig } from "../helpers/promtool-config.js";
import { relabel } from "../helpers/relabel.js";
import { validateObject } from "../helpers/validate-kubernetes-object.js";
import { run, writeTree } from "./stack-fixtures.js";

/** `ha` over the constructs, the generated configurations and their validators; the whole prod-ha output is also in manifests.test.ts and policy.test.ts. */
const single = loadTestStack("");
const ha = loadTestStack("ha: { enabled: true }\n");
const haWithDatabase = loadTestStack("ha: { enabled: true }\ngrafana:\n  database: { secretName: grafana-db, urlKey: url, port: 3306 }\n");
const trees: string[] = [];
afterAll(() => trees.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const workload = (objects: KubeObject[]) => objects.find((o) => ["StatefulSet", "Deployment"].includes(o.kind)) as KubeObject;
const selector = (name: string) => ({ matchLabels: { "app.kubernetes.io/instance": "test", "app.kubernetes.io/name": name } });

describe("high availability", () => {
  it("GIVEN wrong ha or Grafana database settings WHEN loaded THEN each is rejected with its path and value", () => {
    expect(configErrorOf(() => loadTestStack("ha: { enabled: true, replicas: 5 }\n"))).toContain("/ha/replicas");
    expect(configErrorOf(() => loadTestStack("ha: { enabled: yes please }\n"))).toContain("/ha/enabled");
    expect(configErrorOf(() => loadTestStack("grafana:\n  database: { urlKey: url }\n"))).toContain("/grafana/database/secretName: is required");
    expect(configErrorOf(() => loadTestStack("grafana:\n  database: { secretName: Not_A_Name }\n"))).toContain("/grafana/database/secretName");
    expect(configErrorOf(() => loadTestStack("grafana:\n  database: { secretName: db, port: 0 }\n"))).toContain("/grafana/database/port");
  });

  it("GIVEN no ha WHEN Prometheus, Alertmanager and Grafana are synthesized THEN each runs one replica without budget, spread, replica label or cluster", () => {
    for (const key of ["prometheus", "alertmanager", "grafana"] as const) {
      const objects = componentObjects(single, key);
      expect(workload(objects).spec.replicas, key).toBe(1);
      expect(objects.filter((o) => o.kind === "PodDisruptionBudget"), key).toEqual([]);
      expect(workload(objects).spec.template.spec.topologySpreadConstraints, key).toBeUndefined();
    }
    expect(JSON.stringify(prometheusConfig(single.stack))).not.toContain(PROMETHEUS_REPLICA_LABEL);
    expect(workload(componentObjects(single, "alertmanager")).spec.template.spec.containers[0].args).toContain("--cluster.listen-address=");
    expect(stackNotices(single).join("\n")).not.toContain("ha:");
  });

  it("GIVEN ha WHEN Prometheus is synthesized THEN two replicas carry their pod name as prometheus_replica, alerts drop it, and a budget and spread hold them apart", () => {
    const objects = componentObjects(ha, "prometheus");
    const statefulSet = only(objects, "StatefulSet");
    expect(statefulSet.spec).toMatchObject({ replicas: HA_REPLICAS.prometheus, podManagementPolicy: "Parallel", serviceName: "prometheus" });
    const pod = statefulSet.spec.template.spec;
    expect(pod.containers[0].env).toEqual([{ name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }]);
    expect(pod.topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule", nodeTaintsPolicy: "Honor", labelSelector: selector("prometheus") },
      { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: selector("prometheus") },
    ]);
    expect(only(objects, "PodDisruptionBudget", "prometheus").spec).toEqual({ maxUnavailable: 1, selector: selector("prometheus") });

    const config = prometheusConfig(ha.stack) as Record<string, any>;
    expect(config.global.external_labels).toEqual({ cluster: "gpu-cluster", [PROMETHEUS_REPLICA_LABEL]: "${POD_NAME}" });
    // The same alert from either replica, once external labels are added and alert relabelling applied.
    const alert = (replica: string) => relabel({ alertname: "GPUTemperatureHigh", gpu: "0", cluster: "gpu-cluster", [PROMETHEUS_REPLICA_LABEL]: replica }, config.alerting.alert_relabel_configs);
    expect(alert("prometheus-0")).toEqual(alert("prometheus-1"));
    expect(alert("prometheus-0")).toEqual({ alertname: "GPUTemperatureHigh", gpu: "0", cluster: "gpu-cluster" });
    // Every Alertmanager peer behind the Service receives every alert: the alerting discovery keeps the Service's endpoints, all pods.
    expect(config.alerting.alertmanagers[0].relabel_configs).toEqual([
      { source_labels: ["__meta_kubernetes_service_name", "__meta_kubernetes_endpointslice_port_name"], regex: "alertmanager;http-metrics", action: "keep" },
    ]);
  });

  it("GIVEN ha WHEN promtool checks the Prometheus configuration with every rule file THEN it is valid", () => {
    const rules = Object.fromEntries(ha.artifacts.ruleFiles.map((f) => [`${f.name}.yaml`, ruleFileYaml(f)]));
    const result = promtoolCheckConfig(prometheusConfig(ha.stack), rules);
    expect(result.output).toContain(`SUCCESS: ${ha.artifacts.ruleFiles.length} rule files found`);
    expect(result.status, result.output).toBe(0);
  });

  it("GIVEN ha WHEN Alertmanager is synthesized THEN three peers gossip over a headless Service, each joining every pod by its stable name", () => {
    const objects = componentObjects(ha, "alertmanager");
    const statefulSet = only(objects, "StatefulSet");
    expect(statefulSet.spec).toMatchObject({ replicas: HA_REPLICAS.alertmanager, podManagementPolicy: "Parallel", serviceName: "alertmanager-cluster" });
    const headless = only(objects, "Service", "alertmanager-cluster").spec;
    expect(headless).toMatchObject({ clusterIP: "None", publishNotReadyAddresses: true, selector: { "app.kubernetes.io/name": "alertmanager" } });
    expect(headless.ports.map((p: any) => `${p.protocol}/${p.port}`)).toEqual([`TCP/${ALERTMANAGER_CLUSTER_PORT}`, `UDP/${ALERTMANAGER_CLUSTER_PORT}`]);
    // The ClusterIP Service Prometheus and Grafana use keeps only the HTTP port.
    expect(only(objects, "Service", "alertmanager").spec.ports.map((p: any) => p.port)).toEqual([9093]);
    const container = statefulSet.spec.template.spec.containers[0];
    expect(container.args.filter((a: string) => a.startsWith("--cluster."))).toEqual([
      "--cluster.listen-address=0.0.0.0:9094",
      "--cluster.advertise-address=$(POD_IP):9094",
      "--cluster.peer=alertmanager-0.alertmanager-cluster.nfops-monitoring.svc:9094",
      "--cluster.peer=alertmanager-1.alertmanager-cluster.nfops-monitoring.svc:9094",
      "--cluster.peer=alertmanager-2.alertmanager-cluster.nfops-monitoring.svc:9094",
    ]);
    expect(container.env).toEqual([{ name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } }]);
    expect(only(objects, "PodDisruptionBudget", "alertmanager").spec).toEqual({ maxUnavailable: 1, selector: selector("alertmanager") });
    for (const object of objects) expect(() => validateObject(object), `${object.kind}/${object.metadata.name}`).not.toThrow();
  });

  it("GIVEN ha WHEN amtool checks the Alertmanager configuration THEN it is valid (clustering is flags only; the routes are the same)", () => {
    const dir = writeTree({
      "alertmanager.yml": toYaml(forAlertmanager025(alertmanagerConfig(ha.environment.settings, ha.artifacts.inhibitions))),
      ...Object.fromEntries(Object.entries(ALERTMANAGER_TEMPLATES).map(([name, text]) => [`${ALERTMANAGER_TEMPLATES_DIR}/${name}`, text])),
    });
    trees.push(dir);
    const result = run("amtool", ["check-config", join(dir, "alertmanager.yml")]);
    expect(result.output).toContain("SUCCESS");
    expect(result.status, result.output).toBe(0);
    expect(alertmanagerConfig(ha.environment.settings)).toEqual(alertmanagerConfig(single.environment.settings));
  });

  it("GIVEN ha WHEN the NetworkPolicies are read THEN gossip (TCP and UDP 9094) flows between Alertmanager peers only", () => {
    const policies = synthObjects((scope) => new NetworkPolicies(scope, "netpol", ha));
    const gossip = (rules: any[]) => rules.filter((r) => r.ports.some((p: any) => p.port === ALERTMANAGER_CLUSTER_PORT));
    const ingress = gossip(only(policies, "NetworkPolicy", "alertmanager-ingress").spec.ingress);
    expect(ingress).toEqual([{ from: [{ podSelector: selector("alertmanager") }], ports: [{ protocol: "TCP", port: 9094 }, { protocol: "UDP", port: 9094 }] }]);
    const egress = gossip(only(policies, "NetworkPolicy", "alertmanager-egress").spec.egress);
    expect(egress).toEqual([{ to: [{ podSelector: selector("alertmanager") }], ports: [{ protocol: "TCP", port: 9094 }, { protocol: "UDP", port: 9094 }] }]);
    const others = policies.filter((p) => !p.metadata.name.startsWith("alertmanager-"));
    expect(JSON.stringify(others)).not.toContain('"port":9094');
    const withoutHa = synthObjects((scope) => new NetworkPolicies(scope, "netpol", single));
    expect(JSON.stringify(withoutHa)).not.toContain('"port":9094');
  });

  it("GIVEN ha without a Grafana database WHEN synthesized THEN Grafana stays single on its volume and synth says why", () => {
    const objects = componentObjects(ha, "grafana");
    expect(only(objects, "Deployment").spec.replicas).toBe(1);
    expect(only(objects, "Deployment").spec.strategy).toEqual({ type: "Recreate" });
    expect(objects.map((o) => o.kind)).toContain("PersistentVolumeClaim");
    expect(objects.map((o) => o.kind)).not.toContain("PodDisruptionBudget");
    expect(stackNotices(ha)).toContainEqual(expect.stringMatching(/^ha: Grafana stays a single replica: .*grafana\.database\.secretName/));
  });

  it("GIVEN ha and a Grafana database WHEN synthesized THEN two stateless replicas read the URL from the Secret as a file, reach the database port, and nothing of the URL is rendered", () => {
    const objects = componentObjects(haWithDatabase, "grafana");
    const deployment = only(objects, "Deployment");
    expect(deployment.spec.replicas).toBe(HA_REPLICAS.grafana);
    expect(deployment.spec.strategy).toBeUndefined();
    expect(objects.map((o) => o.kind)).not.toContain("PersistentVolumeClaim");
    expect(only(objects, "PodDisruptionBudget", "grafana").spec.maxUnavailable).toBe(1);
    const pod = deployment.spec.template.spec;
    expect(pod.containers[0].env).toContainEqual({ name: "GF_DATABASE_URL__FILE", value: "/etc/grafana/database/url" });
    expect(pod.volumes).toContainEqual({ name: "database", secret: { secretName: "grafana-db", items: [{ key: "url", path: "url" }] } });
    expect(pod.volumes.find((v: any) => v.name === "data")).toEqual({ name: "data", emptyDir: { sizeLimit: "1Gi" } });
    expect(pod.topologySpreadConstraints).toHaveLength(2);
    expect(JSON.stringify(objects)).not.toMatch(/postgres:\/\/|mysql:\/\//);
    expect(stackNotices(haWithDatabase).join("\n")).not.toContain("ha: Grafana");
    const egress = only(synthObjects((scope) => new NetworkPolicies(scope, "netpol", haWithDatabase)), "NetworkPolicy", "grafana-egress").spec.egress;
    expect(egress[0]).toEqual({ ports: [{ protocol: "TCP", port: 3306 }] });
    for (const object of objects) expect(() => validateObject(object), `${object.kind}/${object.metadata.name}`).not.toThrow();
  });

  it("GIVEN a Grafana database without ha WHEN synthesized THEN the single Grafana uses it and keeps its volume", () => {
    const objects = componentObjects(loadTestStack("grafana:\n  database: { secretName: grafana-db }\n"), "grafana");
    const deployment = only(objects, "Deployment");
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.template.spec.containers[0].env).toContainEqual({ name: "GF_DATABASE_URL__FILE", value: "/etc/grafana/database/database-url" });
    expect(objects.map((o) => o.kind)).toContain("PersistentVolumeClaim");
  });
});
