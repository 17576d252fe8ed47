import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { NetworkPolicies } from "../../src/components/network-policies.js";
import { PROMETHEUS_REPLICA_LABEL, prometheusConfig } from "../../src/components/prometheus-config.js";
import { grafanaDatasources } from "../../src/components/grafana-datasources.js";
import { compactorArgs } from "../../src/components/thanos-compactor.js";
import { THANOS_IMAGE, thanosOf } from "../../src/components/thanos-settings.js";
import { ruleFileYaml } from "../../src/model/artifacts.js";
import { configErrorOf } from "../helpers/config-error.js";
import { componentObjects, loadTestStack, only, synthObjects, type KubeObject } from "../helpers/component-objects.js";
import { promtoolCheckConfig } from "../helpers/promtool-config.js";
import { validateObject } from "../helpers/validate-kubernetes-object.js";

/** `longTermStorage: {kind: thanos}` over the constructs, the Prometheus configuration, the flows and the settings checks. */
const THANOS = "longTermStorage:\n  kind: thanos\n  objectStorage: { secretName: thanos-bucket }\n";
const thanos = loadTestStack(`ha: { enabled: true }\n${THANOS}`);
const single = loadTestStack(THANOS);
const plain = loadTestStack("");
const selector = (name: string) => ({ podSelector: { matchLabels: { "app.kubernetes.io/instance": "test", "app.kubernetes.io/name": name } } });
const container = (objects: KubeObject[], kind: string, name: string) =>
  only(objects, kind).spec.template.spec.containers.find((c: { name: string }) => c.name === name);

describe("Thanos long-term storage", () => {
  it("GIVEN wrong longTermStorage settings WHEN loaded THEN each is rejected with its path, and remote write beside it is an error that says why", () => {
    expect(configErrorOf(() => loadTestStack("longTermStorage: { kind: thanos }\n"))).toContain("/longTermStorage/objectStorage: is required");
    expect(configErrorOf(() => loadTestStack("longTermStorage: { kind: mimir, objectStorage: { secretName: b } }\n"))).toContain("/longTermStorage/kind");
    expect(configErrorOf(() => loadTestStack(`${THANOS}  retentionRaw: 1d\n`))).toContain("/longTermStorage/retentionRaw");
    expect(configErrorOf(() => loadTestStack(`${THANOS}prometheus:\n  remoteWriteUrl: https://mimir.example/api/v1/push\n`))).toMatch(
      /\/prometheus\/remoteWriteUrl: cannot be combined with longTermStorage: choose Thanos or remote write/,
    );
    expect(configErrorOf(() => loadTestStack(`${THANOS}retention:\n  prometheus: 3h\n`))).toContain("/retention/prometheus: must be at least 6h with longTermStorage");
    expect(configErrorOf(() => loadTestStack(`profile: operator\n${THANOS}`))).toContain("/longTermStorage: applies to the standalone profile only");
  });

  it("GIVEN no longTermStorage WHEN planned THEN no Thanos component, sidecar or block-duration flag exists and Grafana reads Prometheus", () => {
    expect(plain.stack.deployed.map((c) => c.key).filter((k) => k.startsWith("thanos"))).toEqual([]);
    const pod = only(componentObjects(plain, "prometheus"), "StatefulSet").spec.template.spec;
    expect(pod.containers.map((c: { name: string }) => c.name)).toEqual(["prometheus"]);
    expect(JSON.stringify(pod)).not.toMatch(/block-duration|thanos/);
    expect((grafanaDatasources(plain.stack) as any).datasources[0].url).toBe("http://prometheus.nfops-monitoring.svc:9090");
  });

  it("GIVEN thanos WHEN Prometheus is synthesized THEN each replica runs 2h blocks and a restricted sidecar that reads the objstore file from the Secret, behind a headless Service", () => {
    const objects = componentObjects(thanos, "prometheus");
    const statefulSet = only(objects, "StatefulSet");
    expect(statefulSet.spec.replicas).toBe(2);
    const prometheus = container(objects, "StatefulSet", "prometheus");
    expect(prometheus.args).toEqual(expect.arrayContaining(["--storage.tsdb.min-block-duration=2h", "--storage.tsdb.max-block-duration=2h"]));
    const sidecar = container(objects, "StatefulSet", "thanos-sidecar");
    expect(sidecar.image).toBe(THANOS_IMAGE);
    expect(sidecar.args).toEqual([
      "sidecar",
      "--tsdb.path=/prometheus",
      "--prometheus.url=http://localhost:9090",
      "--grpc-address=0.0.0.0:10901",
      "--http-address=0.0.0.0:10902",
      "--objstore.config-file=/etc/thanos/objstore/objstore.yml",
    ]);
    expect(sidecar.securityContext).toEqual(prometheus.securityContext);
    expect(sidecar.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(sidecar.readinessProbe.httpGet).toEqual({ path: "/-/ready", port: "http-sidecar" });
    expect(sidecar.livenessProbe.httpGet).toEqual({ path: "/-/healthy", port: "http-sidecar" });
    expect(sidecar.resources.limits.memory).toBeDefined();
    expect(sidecar.volumeMounts).toContainEqual({ name: "data", mountPath: "/prometheus" });
    expect(statefulSet.spec.template.spec.volumes).toContainEqual({ name: "objstore", secret: { secretName: "thanos-bucket", items: [{ key: "objstore.yml", path: "objstore.yml" }] } });
    const headless = only(objects, "Service", "thanos-sidecar").spec;
    expect(headless).toMatchObject({ clusterIP: "None", selector: { "app.kubernetes.io/name": "prometheus" } });
    expect(headless.ports.map((p: any) => `${p.name}:${p.port}->${p.targetPort}`)).toEqual(["grpc:10901->grpc", "http-metrics:10902->http-sidecar"]);
    for (const object of objects) expect(() => validateObject(object), `${object.kind}/${object.metadata.name}`).not.toThrow();
  });

  it("GIVEN thanos WHEN promtool checks the Prometheus configuration THEN it is valid, keeps the replica label for Query and scrapes the sidecars", () => {
    const config = prometheusConfig(thanos.stack) as Record<string, any>;
    expect(config.global.external_labels).toEqual({ cluster: "gpu-cluster", [PROMETHEUS_REPLICA_LABEL]: "${POD_NAME}" });
    expect(config.remote_write).toBeUndefined();
    expect(config.scrape_configs.map((j: { job_name: string }) => j.job_name)).toEqual(
      expect.arrayContaining(["prometheus", "thanos-sidecar", "thanos-query", "thanos-store", "thanos-compactor"]),
    );
    const rules = Object.fromEntries(thanos.artifacts.ruleFiles.map((f) => [`${f.name}.yaml`, ruleFileYaml(f)]));
    const result = promtoolCheckConfig(config, rules);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain("SUCCESS");
  });

  it("GIVEN thanos WHEN Query is synthesized THEN it deduplicates on prometheus_replica over every sidecar and the Store Gateway, and Grafana reads it", () => {
    const objects = componentObjects(thanos, "thanosQuery");
    const deployment = only(objects, "Deployment", "thanos-query");
    expect(deployment.spec.replicas).toBe(2);
    expect(only(objects, "PodDisruptionBudget").spec.maxUnavailable).toBe(1);
    const query = deployment.spec.template.spec.containers[0];
    expect(query.args).toEqual([
      "query",
      "--http-address=0.0.0.0:10902",
      "--grpc-address=0.0.0.0:10901",
      "--query.replica-label=prometheus_replica",
      "--query.auto-downsampling",
      "--endpoint=dnssrv+_grpc._tcp.thanos-sidecar.nfops-monitoring.svc",
      "--endpoint=dnssrv+_grpc._tcp.thanos-store.nfops-monitoring.svc",
    ]);
    expect(query.readinessProbe.httpGet.path).toBe("/-/ready");
    expect(query.livenessProbe.httpGet.path).toBe("/-/healthy");
    expect(deployment.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534 });
    expect(only(componentObjects(single, "thanosQuery"), "Deployment").spec.replicas).toBe(1);
    const datasource = (grafanaDatasources(thanos.stack) as any).datasources[0];
    expect(datasource).toMatchObject({ uid: "nfops-prometheus", url: "http://thanos-query.nfops-monitoring.svc:10902" });
    for (const object of objects) expect(() => validateObject(object), `${object.kind}/${object.metadata.name}`).not.toThrow();
  });

  it("GIVEN thanos WHEN the Store Gateway and the Compactor are synthesized THEN each is one StatefulSet with a volume, the Secret file and the retention settings", () => {
    const store = componentObjects(thanos, "thanosStore");
    const storeSet = only(store, "StatefulSet", "thanos-store");
    expect(storeSet.spec.replicas).toBe(1);
    expect(storeSet.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("20Gi");
    expect(storeSet.spec.template.spec.containers[0].args).toContain("--objstore.config-file=/etc/thanos/objstore/objstore.yml");
    expect(only(store, "Service", "thanos-store").spec.ports.map((p: any) => `${p.name}:${p.port}`)).toEqual(["http-metrics:10902", "grpc:10901"]);

    // Even under ha: two compactors on one bucket would compact and delete the same blocks.
    const compactor = componentObjects(thanos, "thanosCompactor");
    const compactorSet = only(compactor, "StatefulSet", "thanos-compactor");
    expect(compactorSet.spec.replicas).toBe(1);
    expect(compactor.map((o) => o.kind)).not.toContain("PodDisruptionBudget");
    expect(compactorSet.spec.template.spec.containers[0].args).toEqual(
      expect.arrayContaining(["compact", "--wait", "--retention.resolution-raw=30d", "--retention.resolution-5m=180d", "--retention.resolution-1h=1y"]),
    );
    expect(compactorSet.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("100Gi");
    const custom = loadTestStack(`${THANOS}  retentionRaw: 14d\n  retentionFiveMinutes: 90d\n  retentionOneHour: 2y\n  downsampling: false\n`);
    expect(compactorArgs(thanosOf(custom.environment.settings)!)).toEqual([
      "--retention.resolution-raw=14d",
      "--retention.resolution-5m=90d",
      "--retention.resolution-1h=2y",
      "--downsampling.disable",
    ]);
    for (const object of [...store, ...compactor]) expect(() => validateObject(object), `${object.kind}/${object.metadata.name}`).not.toThrow();
  });

  it("GIVEN thanos WHEN the NetworkPolicies are read THEN exactly Query → sidecar and store gRPC, Grafana → Query HTTP, and the bucket port from store and compactor are opened", () => {
    const policies = synthObjects((scope) => new NetworkPolicies(scope, "netpol", thanos));
    const spec = (name: string) => only(policies, "NetworkPolicy", name).spec;
    const port = (p: number) => ({ protocol: "TCP", port: p });
    expect(spec("prometheus-ingress").ingress).toEqual([
      { from: [selector("prometheus")], ports: [port(9090)] },
      // The collector's OTLP metrics.
      { from: [selector("alloy")], ports: [port(9090)] },
      { from: [selector("thanos-query")], ports: [port(10901)] },
      { from: [selector("prometheus")], ports: [port(10902)] },
    ]);
    expect(spec("thanos-query-ingress").ingress).toEqual([
      { from: [selector("prometheus")], ports: [port(10902)] },
      { from: [selector("grafana")], ports: [port(10902)] },
    ]);
    expect(spec("thanos-query-egress").egress).toEqual([
      { to: [selector("prometheus")], ports: [port(10901)] },
      { to: [selector("thanos-store")], ports: [port(10901)] },
    ]);
    expect(spec("thanos-store-ingress").ingress).toContainEqual({ from: [selector("thanos-query")], ports: [port(10901)] });
    expect(spec("thanos-store-egress").egress).toEqual([{ ports: [port(443)] }]);
    expect(spec("thanos-compactor-egress").egress).toEqual([{ ports: [port(443)] }]);
    expect(spec("thanos-compactor-ingress").ingress).toEqual([{ from: [selector("prometheus")], ports: [port(10902)] }]);
    expect(spec("grafana-egress").egress).toContainEqual({ to: [selector("thanos-query")], ports: [port(10902)] });
    expect(JSON.stringify(spec("grafana-egress"))).not.toContain('"prometheus"');
    const minio = loadTestStack("longTermStorage:\n  kind: thanos\n  objectStorage: { secretName: b, port: 9000 }\n");
    const minioPolicies = synthObjects((scope) => new NetworkPolicies(scope, "netpol", minio));
    expect(only(minioPolicies, "NetworkPolicy", "thanos-store-egress").spec.egress).toEqual([{ ports: [port(9000)] }]);
  });

  it("GIVEN a Thanos component turned off WHEN planned THEN it is left out and Query reads only what remains", () => {
    const noStore = loadTestStack(`${THANOS}components:\n  thanosStore: false\n`);
    expect(noStore.stack.isDeployed("thanosStore")).toBe(false);
    const args = only(componentObjects(noStore, "thanosQuery"), "Deployment").spec.template.spec.containers[0].args;
    expect(args.filter((a: string) => a.startsWith("--endpoint="))).toEqual(["--endpoint=dnssrv+_grpc._tcp.thanos-sidecar.nfops-monitoring.svc"]);
  });

  it("GIVEN the objstore Secret WHEN every Thanos object is rendered THEN none carries a bucket configuration or credential", () => {
    const objects = (["prometheus", "thanosQuery", "thanosStore", "thanosCompactor"] as const).flatMap((key) => componentObjects(thanos, key));
    const text = JSON.stringify(objects);
    expect(text).not.toMatch(/access_key|secret_key|service_account|storage_account|type:\s*(S3|GCS|AZURE)|bucket:/i);
    // The only references are the Secret's name and key.
    expect(text.match(/thanos-bucket/g)?.length).toBe(3);
    expect(parse(only(componentObjects(thanos, "prometheus"), "ConfigMap", "prometheus-config").data["prometheus.yml"])).not.toHaveProperty("remote_write");
  });
});
