import { describe, expect, it } from "vitest";
import { sealRecord, formatLine } from "../../src/audit/chain.js";
import { AUDIT_EVENT_TYPES, AUDIT_GENESIS_HASH, AUDIT_LOKI_LABELS } from "../../src/audit/fields.js";
import { alloyConfig } from "../../src/components/alloy-config.js";
import { egressFlows } from "../../src/components/network-policies.js";
import { prometheusConfig } from "../../src/components/prometheus-config.js";
import { componentObjects, loadTestStack, only } from "../helpers/component-objects.js";
import { parseAlloy, references, type AlloyBlock, type AlloyValue } from "../helpers/alloy-syntax.js";

const stack = loadTestStack("clusterName: gpu-east\nnamespace: obs\n");
const { environment } = stack;
const config = alloyConfig(environment, stack.stack);
const blocks = parseAlloy(config);

function block(name: string, label?: string, within: readonly AlloyBlock[] = blocks): AlloyBlock {
  const found = within.filter((b) => b.name === name && (label === undefined || b.label === label));
  if (found.length !== 1) throw new Error(`expected one ${name} ${label ?? ""}, found ${found.length}`);
  return found[0] as AlloyBlock;
}

function stringOf(value: AlloyValue | undefined): string {
  if (value?.type !== "string") throw new Error(`not a string: ${JSON.stringify(value)}`);
  return value.value;
}

/** The audit regex as Alloy will hand it to LogQL: the raw string between the backticks of the selector. */
function auditRegex(): RegExp {
  const selector = stringOf(block("stage.match", undefined, block("loki.process", "pod_logs").blocks).attributes.get("selector"));
  const match = /^\{namespace=~"\.\+"\} \|~ `([^`]*)`$/.exec(selector);
  if (!match) throw new Error(`unexpected selector ${selector}`);
  return new RegExp(match[1] as string);
}

function auditLine(event: (typeof AUDIT_EVENT_TYPES)[number], details: Record<string, unknown> = {}): string {
  return formatLine(
    sealRecord({
      ts: "2026-01-05T10:00:00.000Z",
      seq: 7,
      event,
      actor: "alice@example.com",
      outcome: "success",
      resource: "models/resnet50",
      request_id: "6c1a2f0e-4f7b-4d0b-9a61-1f0f7d6f2a11",
      details,
      prev_hash: AUDIT_GENESIS_HASH,
    }),
  );
}

describe("Alloy configuration", () => {
  it("GIVEN the generated configuration WHEN parsed as Alloy syntax THEN every component reference names a declared component", () => {
    const declared = new Set(blocks.map((b) => `${b.name}.${b.label ?? ""}`));
    const refs = references(blocks).filter((r) => !r.startsWith("sys."));
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      // `loki.process.pod_logs.receiver` -> component `loki.process` labelled `pod_logs`, export `receiver`.
      const parts = ref.split(".");
      expect(declared, ref).toContain(`${parts.slice(0, -2).join(".")}.${parts.at(-2)}`);
    }
  });

  it("GIVEN the pod discovery WHEN read THEN it selects only this node's pods through the downward-API node name", () => {
    const selectors = block("selectors", undefined, block("discovery.kubernetes", "pods").blocks);
    expect(selectors.attributes.get("field")).toEqual({
      type: "add",
      left: { type: "string", value: "spec.nodeName=" },
      right: { type: "call", name: "sys.env", args: [{ type: "string", value: "NODE_NAME" }] },
    });
  });

  it("GIVEN the relabelling WHEN read THEN namespace, pod, container and app labels come from pod metadata and the path points into /var/log/pods", () => {
    const rules = block("discovery.relabel", "pod_logs").blocks.filter((b) => b.name === "rule");
    const targets = Object.fromEntries(rules.map((r) => [stringOf(r.attributes.get("target_label")), r.attributes.get("source_labels")]));
    expect(Object.keys(targets).sort()).toEqual(["__path__", "app", "container", "namespace", "pod"]);
    expect(targets.pod).toEqual({ type: "list", items: [{ type: "string", value: "__meta_kubernetes_pod_name" }] });
    const path = rules.find((r) => stringOf(r.attributes.get("target_label")) === "__path__") as AlloyBlock;
    expect(stringOf(path.attributes.get("replacement"))).toBe("/var/log/pods/*$1/*.log");
  });

  it("GIVEN the log pipeline WHEN read THEN CRI parsing comes first and audit lines get the labels of src/audit/fields.ts", () => {
    const process = block("loki.process", "pod_logs");
    expect(process.blocks.map((b) => b.name)).toEqual(["stage.cri", "stage.match", "stage.label_drop"]);
    const match = block("stage.match", undefined, process.blocks);
    const labels = block("stage.labels", undefined, match.blocks).attributes.get("values");
    const statics = block("stage.static_labels", undefined, match.blocks).attributes.get("values");
    expect(labels).toEqual({ type: "object", entries: new Map([[AUDIT_LOKI_LABELS.event, { type: "string", value: "" }]]) });
    expect(statics).toEqual({
      type: "object",
      entries: new Map([[AUDIT_LOKI_LABELS.logType.name, { type: "string", value: AUDIT_LOKI_LABELS.logType.value }]]),
    });
  });

  it("GIVEN lines written by the audit writer WHEN matched with the selector's regex THEN every event type matches, with commas and quotes in details", () => {
    const regex = auditRegex();
    for (const event of AUDIT_EVENT_TYPES) {
      const line = auditLine(event, { note: 'a, "quoted" value', nested: { ok: true } });
      expect(regex.exec(line)?.[1], line).toBe(event);
    }
  });

  it("GIVEN ordinary log lines WHEN matched with the selector's regex THEN none is taken for an audit record", () => {
    const regex = auditRegex();
    const audit = auditLine("LOGIN");
    for (const line of [
      "level=info msg=\"user LOGIN ok\"",
      '{"level":"info","event":"LOGIN","msg":"login"}',
      `prefix ${audit}`,
      audit.replace(/"hash":"[0-9a-f]{64}"/, '"hash":"abc"'),
      auditLine("LOGIN").replace('"event":"LOGIN"', '"event":"LOGOUT"'),
    ]) {
      expect(regex.test(line), line).toBe(false);
    }
  });

  it("GIVEN the environment WHEN the write endpoints are read THEN logs go to the namespace's Loki with the cluster label and traces to its Tempo", () => {
    const write = block("loki.write", "default");
    expect(stringOf(block("endpoint", undefined, write.blocks).attributes.get("url"))).toBe("http://loki.obs.svc:3100/loki/api/v1/push");
    expect(write.attributes.get("external_labels")).toEqual({ type: "object", entries: new Map([["cluster", { type: "string", value: "gpu-east" }]]) });
    const client = block("client", undefined, block("otelcol.exporter.otlp", "tempo").blocks);
    expect(stringOf(client.attributes.get("endpoint"))).toBe("tempo.obs.svc:4317");
  });

  it("GIVEN the OTLP receiver WHEN its metrics are followed THEN they are batched and sent over HTTP to Prometheus's OTLP endpoint, which is switched on with the namespace attribute promoted", () => {
    const receiverOutput = block("output", undefined, block("otelcol.receiver.otlp", "default").blocks);
    expect(receiverOutput.attributes.get("metrics")).toEqual({ type: "list", items: [{ type: "ref", path: "otelcol.processor.batch.default.input" }] });
    const batchOutput = block("output", undefined, block("otelcol.processor.batch", "default").blocks);
    expect(batchOutput.attributes.get("metrics")).toEqual({ type: "list", items: [{ type: "ref", path: "otelcol.exporter.otlphttp.prometheus.input" }] });
    expect(stringOf(block("otelcol.exporter.otlphttp", "prometheus").attributes.get("metrics_endpoint"))).toBe("http://prometheus.obs.svc:9090/api/v1/otlp/v1/metrics");

    const prometheus = only(componentObjects(stack, "prometheus"), "StatefulSet");
    expect(prometheus.spec.template.spec.containers[0].args).toContain("--web.enable-otlp-receiver");
    expect(prometheusConfig(stack.stack).otlp).toEqual({ promote_resource_attributes: ["k8s.namespace.name"] });
    expect(egressFlows(stack.stack)).toContainEqual(expect.objectContaining({ from: "collector", to: { component: "prometheus" }, ports: [9090] }));
  });

  it("GIVEN an environment without the collector WHEN synthesized THEN Prometheus receives no OTLP", () => {
    const bare = loadTestStack("components: { collector: false }\n");
    const prometheus = only(componentObjects(bare, "prometheus"), "StatefulSet");
    expect(prometheus.spec.template.spec.containers[0].args).not.toContain("--web.enable-otlp-receiver");
    expect(prometheusConfig(bare.stack).otlp).toBeUndefined();
    expect(egressFlows(bare.stack).filter((f) => f.from === "collector")).toEqual([]);
  });

  it("GIVEN broken Alloy text WHEN parsed THEN the parser rejects it (the structural check can fail)", () => {
    expect(() => parseAlloy('loki.write "x" {\n  url = \n}')).toThrow(/line 3/);
    expect(() => parseAlloy('a "x" { b = "\\q" }')).toThrow(/invalid escape/);
    expect(() => parseAlloy('a "x" { b = 1 ')).toThrow(/end of configuration/);
  });
});

describe("Collector construct", () => {
  const objects = componentObjects(stack, "collector");
  const daemonSet = only(objects, "DaemonSet", "alloy");
  const pod = daemonSet.spec.template.spec;
  const container = pod.containers[0];

  it("GIVEN the DaemonSet WHEN read THEN it mounts /var/log/pods read-only from the host and reads its node name from the downward API", () => {
    const mount = container.volumeMounts.find((m: { mountPath: string }) => m.mountPath === "/var/log/pods");
    expect(mount.readOnly).toBe(true);
    expect(pod.volumes.find((v: { name: string }) => v.name === mount.name).hostPath.path).toBe("/var/log/pods");
    expect(container.env).toContainEqual({ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } });
  });

  it("GIVEN the collector's documented exception WHEN its security context is read THEN only the user is root: no capability, no escalation, read-only root", () => {
    expect(pod.securityContext.runAsUser).toBe(0);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ["ALL"] },
    });
    expect(container.securityContext.capabilities.add).toBeUndefined();
  });

  it("GIVEN the configuration WHEN it changes THEN the pod template's checksum changes", () => {
    const other = loadTestStack("clusterName: gpu-west\nnamespace: obs\n");
    const otherSet = only(componentObjects(other, "collector"), "DaemonSet");
    expect(otherSet.spec.template.metadata.annotations["checksum/config"]).not.toBe(daemonSet.spec.template.metadata.annotations["checksum/config"]);
  });

  it("GIVEN the RBAC WHEN read THEN the ServiceAccount may only read pods, cluster-wide, under a namespace-qualified name", () => {
    const role = only(objects, "ClusterRole");
    expect(role.metadata.name).toBe("obs-alloy");
    expect(role.rules).toEqual([{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }]);
    expect(only(objects, "ClusterRoleBinding").subjects).toEqual([{ kind: "ServiceAccount", name: "alloy", namespace: "obs" }]);
    expect(pod.serviceAccountName).toBe("alloy");
  });

  it("GIVEN the Service WHEN read THEN it offers OTLP gRPC and HTTP and the metrics port", () => {
    const ports = only(objects, "Service", "alloy").spec.ports.map((p: { name: string; port: number }) => `${p.name}:${p.port}`);
    expect(ports).toEqual(["otlp-grpc:4317", "otlp-http:4318", "http-metrics:12345"]);
  });
});
