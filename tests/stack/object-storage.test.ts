import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { lokiConfig } from "../../src/components/loki-config.js";
import { NetworkPolicies } from "../../src/components/network-policies.js";
import { OBJECT_STORAGE_ENV } from "../../src/components/object-storage.js";
import { tempoConfig } from "../../src/components/tempo-config.js";
import { toYaml } from "../../src/model/serialize.js";
import { configErrorOf } from "../helpers/config-error.js";
import { componentObjects, loadTestStack, only, synthObjects } from "../helpers/component-objects.js";
import { validateObject } from "../helpers/validate-kubernetes-object.js";

/** Loki and Tempo on object storage: configurations checked structurally (no binaries here), objects, flows, and the Secret never rendered. */
const LOKI_S3 = "loki:\n  objectStorage: { type: s3, secretName: loki-bucket }\n";
const TEMPO_GCS = "tempo:\n  objectStorage: { type: gcs, secretName: tempo-bucket, key: gcs.json }\n";
const bucket = loadTestStack(LOKI_S3 + TEMPO_GCS);
const bucketHa = loadTestStack(`ha: { enabled: true }\n${LOKI_S3}${TEMPO_GCS}`);
const local = loadTestStack("ha: { enabled: true }\n");
/** What the store reads after `-config.expand-env`: the rendered file with the placeholder replaced, as text, by the Secret's one line of JSON. */
const expanded = (config: Record<string, unknown>, json: string) => parse(toYaml(config).replaceAll("${NFOPS_OBJECT_STORAGE}", json).replaceAll("${POD_IP}", "10.0.0.7"));

describe("Loki and Tempo on object storage", () => {
  it("GIVEN wrong objectStorage settings WHEN loaded THEN each is rejected with its path", () => {
    expect(configErrorOf(() => loadTestStack("loki:\n  objectStorage: { secretName: b }\n"))).toContain("/loki/objectStorage/type: is required");
    expect(configErrorOf(() => loadTestStack("tempo:\n  objectStorage: { type: swift, secretName: b }\n"))).toContain("/tempo/objectStorage/type");
    expect(configErrorOf(() => loadTestStack("loki:\n  objectStorage: { type: s3 }\n"))).toContain("/loki/objectStorage/secretName: is required");
    expect(configErrorOf(() => loadTestStack("loki:\n  replicas: 3\n"))).toContain("/loki/replicas");
  });

  it("GIVEN no objectStorage WHEN configured THEN both stay on the filesystem, single, without expansion (the default)", () => {
    const loki = lokiConfig(local.environment.settings, 3100) as any;
    expect(loki.common).toMatchObject({ replication_factor: 1, instance_addr: "127.0.0.1", ring: { kvstore: { store: "inmemory" } } });
    expect(loki.common.storage).toHaveProperty("filesystem");
    expect(loki.memberlist).toBeUndefined();
    expect((tempoConfig(local.environment.settings, 3200) as any).storage.trace.backend).toBe("local");
    for (const key of ["loki", "tempo"] as const) {
      const set = only(componentObjects(local, key), "StatefulSet");
      expect(set.spec.replicas, key).toBe(1);
      expect(set.spec.template.spec.containers[0].args, key).not.toContain("-config.expand-env=true");
      expect(set.spec.template.spec.containers[0].env, key).toBeUndefined();
    }
  });

  it("GIVEN Loki on S3 WHEN configured THEN chunks and the tsdb index go to the bucket block from the Secret and the compactor deletes there", () => {
    const config = lokiConfig(bucket.environment.settings, 3100) as any;
    expect(config.common.storage).toEqual({ s3: "${NFOPS_OBJECT_STORAGE}" });
    expect(config.schema_config.configs[0]).toMatchObject({ store: "tsdb", object_store: "s3", schema: "v13" });
    expect(config.compactor).toMatchObject({ retention_enabled: true, delete_request_store: "s3" });
    const s3 = '{"bucketnames":"logs","endpoint":"s3.eu-central-1.amazonaws.com","region":"eu-central-1","access_key_id":"AK","secret_access_key":"SK"}';
    expect(expanded(config, s3).common.storage.s3).toEqual(JSON.parse(s3));
  });

  it("GIVEN Loki on object storage under ha WHEN synthesized THEN three replicas join a memberlist ring through a headless Service and open gRPC and gossip to each other only", () => {
    const config = lokiConfig(bucketHa.environment.settings, 3100) as any;
    expect(config.common).toMatchObject({ replication_factor: 3, instance_addr: "${POD_IP}", ring: { kvstore: { store: "memberlist" } } });
    expect(config.memberlist).toEqual({ bind_port: 7946, join_members: ["dns+loki-memberlist.nfops-monitoring.svc:7946"] });
    expect(expanded(config, '{"bucket_name":"logs"}').common.instance_addr).toBe("10.0.0.7");
    const objects = componentObjects(bucketHa, "loki");
    const set = only(objects, "StatefulSet", "loki");
    expect(set.spec).toMatchObject({ replicas: 3, podManagementPolicy: "Parallel" });
    const container = set.spec.template.spec.containers[0];
    expect(container.args).toEqual(["-config.file=/etc/loki/loki.yaml", "-target=all", "-config.expand-env=true"]);
    expect(container.env).toEqual([
      { name: OBJECT_STORAGE_ENV, valueFrom: { secretKeyRef: { name: "loki-bucket", key: "object-storage.json" } } },
      { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
    ]);
    expect(only(objects, "Service", "loki-memberlist").spec).toMatchObject({ clusterIP: "None", publishNotReadyAddresses: true, ports: [{ port: 7946, protocol: "TCP" }] });
    expect(only(objects, "PodDisruptionBudget", "loki").spec.maxUnavailable).toBe(1);
    for (const object of objects) expect(() => validateObject(object), `${object.kind}/${object.metadata.name}`).not.toThrow();

    const policies = synthObjects((scope) => new NetworkPolicies(scope, "netpol", bucketHa));
    const lokiPods = { podSelector: { matchLabels: { "app.kubernetes.io/instance": "test", "app.kubernetes.io/name": "loki" } } };
    const ring = { ports: [{ protocol: "TCP", port: 9095 }, { protocol: "TCP", port: 7946 }] };
    expect(only(policies, "NetworkPolicy", "loki-ingress").spec.ingress).toContainEqual({ from: [lokiPods], ...ring });
    expect(only(policies, "NetworkPolicy", "loki-egress").spec.egress).toEqual([{ ports: [{ protocol: "TCP", port: 443 }] }, { to: [lokiPods], ...ring }]);
    expect(only(policies, "NetworkPolicy", "tempo-egress").spec.egress).toEqual([{ ports: [{ protocol: "TCP", port: 443 }] }]);
  });

  it("GIVEN Tempo on GCS, even under ha WHEN synthesized THEN blocks go to the bucket block from the Secret, the WAL stays on the volume, one replica", () => {
    const config = tempoConfig(bucketHa.environment.settings, 3200) as any;
    expect(config.storage.trace).toEqual({ backend: "gcs", wal: { path: "/var/tempo/wal" }, gcs: "${NFOPS_OBJECT_STORAGE}" });
    expect(expanded(config, '{"bucket_name":"traces"}').storage.trace.gcs).toEqual({ bucket_name: "traces" });
    expect(config.compactor.compaction.block_retention).toBe("168h");
    const set = only(componentObjects(bucketHa, "tempo"), "StatefulSet", "tempo");
    expect(set.spec.replicas).toBe(1);
    expect(set.spec.template.spec.containers[0].env).toEqual([{ name: OBJECT_STORAGE_ENV, valueFrom: { secretKeyRef: { name: "tempo-bucket", key: "gcs.json" } } }]);
  });

  it("GIVEN Azure WHEN configured THEN the backend names match what Loki and Tempo call it", () => {
    const azure = loadTestStack("loki:\n  objectStorage: { type: azure, secretName: a }\ntempo:\n  objectStorage: { type: azure, secretName: a }\n");
    expect((lokiConfig(azure.environment.settings, 3100) as any).schema_config.configs[0].object_store).toBe("azure");
    expect((tempoConfig(azure.environment.settings, 3200) as any).storage.trace.backend).toBe("azure");
  });

  it("GIVEN bucket Secrets WHEN Loki and Tempo are rendered THEN no bucket setting or credential appears, only the Secret's name and key", () => {
    const text = JSON.stringify([...componentObjects(bucketHa, "loki"), ...componentObjects(bucketHa, "tempo")]);
    expect(text).not.toMatch(/bucketnames|bucket_name|access_key|secret_access_key|account_key|service_account/);
    expect(text).toContain("loki-bucket");
    expect(text).toContain("tempo-bucket");
  });
});
