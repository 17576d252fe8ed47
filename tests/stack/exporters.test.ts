import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { MetricEntry } from "../../src/catalog/types.js";
import { dcgmFields } from "../../src/catalog/dcgm-exporter.js";
import { dcgmCountersCsv } from "../../src/catalog/dcgm-counters.js";
import { CARBON_TOKEN_FILE, exporterArgs } from "../../src/exporter/container-contract.js";
import { METRIC } from "../../rules/core/catalog.js";
import { componentObjects, loadTestStack, only } from "../helpers/component-objects.js";

const stack = loadTestStack("scrapeInterval: 30s\n");
const { pricing } = stack;
const catalog = stack.artifacts.metrics;

describe("dcgm-exporter", () => {
  const objects = componentObjects(stack, "dcgmExporter");
  const pod = only(objects, "DaemonSet", "dcgm-exporter").spec.template.spec;
  const container = pod.containers[0];
  const csv: string = only(objects, "ConfigMap", "dcgm-exporter-counters").data["counters.csv"];
  const rows = csv.split("\n").filter((l) => l !== "" && !l.startsWith("#")).map((l) => l.split(", "));

  it("GIVEN the metric catalog WHEN the counters file is built THEN every DCGM_FI_* and DCGM_EXP_* metric is one 3-column row, energy as a counter", () => {
    const expected = Object.values(METRIC).filter((m) => /^DCGM_(FI|EXP)_/.test(m)).sort();
    expect(rows.map((r) => r[0]).sort()).toEqual(expected);
    expect(rows.every((r) => r.length === 3)).toBe(true);
    expect(rows.find((r) => r[0] === "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION")?.[1]).toBe("counter");
    expect(rows.find((r) => r[0] === "DCGM_FI_DEV_GPU_UTIL")?.[1]).toBe("gauge");
  });

  it("GIVEN a catalog entry dcgm-exporter cannot produce WHEN the counters file is built THEN it fails naming the metric", () => {
    const histogram: MetricEntry = { ...(catalog[0] as MetricEntry), name: "DCGM_FI_FAKE", type: "histogram", producer: "dcgmExporter" };
    expect(() => dcgmCountersCsv(dcgmFields([histogram]))).toThrow(/DCGM_FI_FAKE/);
  });

  it("GIVEN only device fields WHEN synthesized THEN no capability is added", () => {
    const deviceOnly = { ...stack, artifacts: { ...stack.artifacts, metrics: catalog.filter((m) => !m.name.startsWith("DCGM_FI_PROF_")) } };
    const device = componentObjects(deviceOnly, "dcgmExporter");
    expect(only(device, "ConfigMap").data["counters.csv"]).not.toContain("DCGM_FI_PROF_");
    expect(only(device, "DaemonSet").spec.template.spec.containers[0].securityContext.capabilities).toEqual({ drop: ["ALL"] });
  });

  it("GIVEN the core pack, which reads MIG utilisation from a profiling field, WHEN synthesized THEN the field is watched and SYS_ADMIN, which DCGM profiling needs, is added", () => {
    expect(dcgmFields(catalog).map((f) => f.name)).toContain("DCGM_FI_PROF_GR_ENGINE_ACTIVE");
    expect(csv).toContain("DCGM_FI_PROF_GR_ENGINE_ACTIVE, gauge,");
    expect(container.securityContext.capabilities).toEqual({ drop: ["ALL"], add: ["SYS_ADMIN"] });
  });

  it("GIVEN XID errors counted per code WHEN synthesized THEN the exporter counts them over the window the alert describes (15 minutes)", () => {
    expect(rows.find((r) => r[0] === "DCGM_EXP_XID_ERRORS_COUNT")?.[1]).toBe("gauge");
    expect(container.args).toContain("--xid-count-window-size=900000");
  });

  it("GIVEN GPU nodes WHEN synthesized THEN the pods select and tolerate them and map GPUs to pods through the kubelet", () => {
    expect(pod.nodeSelector).toEqual({ "nvidia.com/gpu.present": "true" });
    expect(pod.tolerations).toEqual([{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }]);
    expect(container.args).toContain("--kubernetes=true");
    expect(container.args).toContain("--collect-interval=30000");
    // Shared GPUs (time-slicing, MPS, renameByDefault's nvidia.com/gpu.shared): every pod named, each with its own utilisation.
    expect(container.args).toContain("--kubernetes-virtual-gpus=true");
    expect(container.args).toContain("--nvidia-resource-names=nvidia.com/gpu.shared");
    expect(pod.hostPID).toBe(true);
    expect(container.image).toMatch(/:4\.(5\.[3-9]|[6-9]\.)/);
    const mount = container.volumeMounts.find((m: { name: string }) => m.name === "pod-resources");
    expect(mount).toMatchObject({ mountPath: "/var/lib/kubelet/pod-resources", readOnly: true });
    expect(pod.volumes.find((v: { name: string }) => v.name === "pod-resources").hostPath.path).toBe("/var/lib/kubelet/pod-resources");
  });
});

describe("node-exporter", () => {
  const pod = only(componentObjects(stack, "nodeExporter"), "DaemonSet").spec.template.spec;
  const container = pod.containers[0];

  it("GIVEN host metrics WHEN synthesized THEN it shares host network and PID and mounts /proc, /sys and / read-only with matching --path flags", () => {
    expect(pod.hostNetwork).toBe(true);
    expect(pod.hostPID).toBe(true);
    expect(container.volumeMounts.every((m: { readOnly: boolean }) => m.readOnly)).toBe(true);
    const hostPaths = pod.volumes.map((v: { hostPath: { path: string } }) => v.hostPath.path);
    expect(hostPaths).toEqual(["/proc", "/sys", "/"]);
    expect(container.args).toEqual(expect.arrayContaining(["--path.procfs=/host/proc", "--path.sysfs=/host/sys", "--path.rootfs=/host/root"]));
  });

  it("GIVEN the exception is only host access WHEN synthesized THEN it still runs as nobody without capabilities", () => {
    expect(pod.securityContext).toMatchObject({ runAsUser: 65534, runAsNonRoot: true });
    expect(container.securityContext).toMatchObject({ capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true });
  });
});

describe("kube-state-metrics", () => {
  const objects = componentObjects(stack, "kubeStateMetrics");
  const role = only(objects, "ClusterRole");
  const args: string[] = only(objects, "Deployment").spec.template.spec.containers[0].args;

  it("GIVEN the ClusterRole WHEN read THEN it only lists and watches, and never Secrets or ConfigMaps", () => {
    for (const rule of role.rules) expect(rule.verbs).toEqual(["list", "watch"]);
    const resources = role.rules.flatMap((r: { resources: string[] }) => r.resources);
    expect(resources).not.toContain("secrets");
    expect(resources).not.toContain("configmaps");
  });

  it("GIVEN the exported resources WHEN compared with the RBAC THEN --resources names exactly the granted resources", () => {
    const flag = args.find((a) => a.startsWith("--resources="))?.slice("--resources=".length).split(",");
    const granted = role.rules.flatMap((r: { resources: string[] }) => r.resources).sort();
    expect(flag).toEqual(granted);
  });
});

describe("cost exporter", () => {
  const build = (yaml: string) => {
    return componentObjects(loadTestStack(yaml, "lab"), "costExporter");
  };
  const objects = build("");
  const deployment = only(objects, "Deployment", "nfops-cost-exporter");
  const container = deployment.spec.template.spec.containers[0];

  it("GIVEN the container contract WHEN synthesized THEN args, probes and user come from it", () => {
    expect(container.args).toEqual(exporterArgs("lab"));
    expect(container.livenessProbe.httpGet.path).toBe("/healthz");
    expect(container.readinessProbe.httpGet.path).toBe("/readyz");
    expect(deployment.spec.template.spec.securityContext.runAsUser).toBe(65532);
  });

  it("GIVEN the loaded pricing WHEN synthesized THEN the pricing ConfigMap holds it unchanged and the stacks ConfigMap holds <env>.yaml", () => {
    const data = only(objects, "ConfigMap", "nfops-cost-exporter-pricing").data;
    expect(Object.keys(data).sort()).toEqual(["electricity.yaml", "gpu.yaml", "llm.yaml"]);
    expect(parse(data["electricity.yaml"])).toEqual(pricing.electricity);
    expect(parse(data["gpu.yaml"])).toEqual(pricing.gpu);
    expect(pricing.llm).toBeDefined();
    expect(parse(data["llm.yaml"])).toEqual(pricing.llm);
    expect(Object.keys(only(objects, "ConfigMap", "nfops-cost-exporter-stacks").data)).toEqual(["lab.yaml"]);
  });

  it("GIVEN pricing without llm.yaml WHEN synthesized THEN the pricing ConfigMap has no llm.yaml key (the exporter then publishes no LLM price)", () => {
    const lab = loadTestStack("", "lab");
    const withoutLlm = componentObjects({ ...lab, pricing: { electricity: lab.pricing.electricity, gpu: lab.pricing.gpu } }, "costExporter");
    expect(Object.keys(only(withoutLlm, "ConfigMap", "nfops-cost-exporter-pricing").data).sort()).toEqual(["electricity.yaml", "gpu.yaml"]);
  });

  it("GIVEN no token Secret WHEN synthesized THEN nothing is mounted for it; GIVEN one THEN its key is mounted where the exporter reads it", () => {
    expect(deployment.spec.template.spec.volumes.map((v: { name: string }) => v.name)).toEqual(["pricing", "stacks"]);
    const withToken = only(build("costExporter:\n  liveCarbonIntensity:\n    enabled: true\n    url: https://carbon.example/{region}\n    tokenSecretName: carbon-api\n"), "Deployment");
    const pod = withToken.spec.template.spec;
    const volume = pod.volumes.find((v: { secret?: unknown }) => v.secret !== undefined);
    expect(volume.secret).toMatchObject({ secretName: "carbon-api", items: [{ key: "token", path: "token" }] });
    const mount = pod.containers[0].volumeMounts.find((m: { name: string }) => m.name === volume.name);
    expect(`${mount.mountPath}/token`).toBe(CARBON_TOKEN_FILE);
  });

  it("GIVEN a settings change WHEN synthesized THEN the checksum annotation changes", () => {
    const other = only(build("costExporter:\n  reloadCheckSeconds: 5\n"), "Deployment");
    expect(other.spec.template.metadata.annotations["checksum/config"]).not.toBe(deployment.spec.template.metadata.annotations["checksum/config"]);
  });
});
