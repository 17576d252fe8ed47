import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { durationSeconds } from "../../src/config/duration.js";
import type { RuleFile } from "../../src/model/artifacts.js";
import { labelSet } from "../helpers/label-set.js";
import { loadTestStack } from "../helpers/component-objects.js";
import { eventually } from "../helpers/eventually.js";
import { scaleRuleGroupIntervals } from "../helpers/rule-group-time-scale.js";
import { writeLoopbackPrometheus, type StaticTarget } from "../helpers/loopback-prometheus.js";
import { freePort, installed, queryPrometheus, startProcess, type RunningProcess, type VectorSample } from "../helpers/processes.js";
import { FakeTarget } from "./capture.js";

const ready = installed("prometheus");
if (!ready) console.warn("SKIPPED kubernetes e2e: needs the Debian package prometheus.");

/**
 * The kubernetes pack's generated rule file and the standalone scrape jobs it reads
 * (`kube-state-metrics`, `kubelet`, `cadvisor`) in a real Prometheus on loopback, over a small
 * cluster served by fake targets in the exposition format of kube-state-metrics v2, the kubelet and
 * cAdvisor. Adapted, only here: discovery becomes static targets with the same meta labels, and the
 * kubelet and cAdvisor jobs scrape plain HTTP without the service account token (there is no
 * kubelet TLS on loopback), and the groups run twelve times faster (`scaleRuleGroupIntervals`: the
 * one-minute groups at the 5 s scrape interval, the two-minute aggregation every 10 s, the restart
 * subquery counting 5 s steps), with the fake restart counter sped up alike (six restarts per
 * scaled minute): the suite tests what the groups record and fire, not their cadence, which the
 * first case asserts on the generated file. Windows and thresholds are as generated; the alerts'
 * `for` is 0s through per-alert overrides. The groups at their own intervals took two to three
 * evaluations, about 3 minutes, most of the end-to-end run's critical path.
 */
// Without delay: each fires at the first evaluation its condition holds, and KubePodNotReady, which must stay quiet, gets no minutes to hide in.
const WITHOUT_DELAY = ["KubeNodeNotReady", "KubeletDown", "GPUPodPendingTooLong", "CPUThrottlingHigh", "KubePodNotReady"];
// Two evaluations of the scaled aggregation group and a restart step counted late, with room for a loaded machine.
const BOUND_MS = 150_000;

const series = (name: string, labels: Record<string, string>, value: number) => `${name}${labelSet(labels)} ${value}`;

describe.skipIf(!ready)("kubernetes pack end to end", () => {
  const dir = mkdtempSync(join(tmpdir(), "nfops-kubernetes-e2e-"));
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  const targets: FakeTarget[] = [];
  let prometheus: RunningProcess;
  let promUrl: string;
  let ruleFile: RuleFile;
  /** The generated file, as the first case asserts it; `ruleFile` is the running copy. */
  let generatedFile: RuleFile;
  /** Seconds the running copy's groups take for a generated minute. */
  let scaledMinute = 60;
  const RESTARTS_PER_MINUTE = 6;

  /**
   * kube-state-metrics: nodes n1 (GPUs), n2 (not ready) and n3; a Deployment's pod restarting six
   * times a minute, a PyTorchJob worker waiting for 8 GPUs without a node, a bare pod, a finished
   * Job pod whose requests no longer count.
   */
  const kubeStateMetrics = () => {
    const lines: string[] = [];
    for (const node of ["n1", "n2", "n3"]) {
      for (const status of ["true", "false", "unknown"]) {
        const ready = node === "n2" ? "false" : "true";
        lines.push(series("kube_node_status_condition", { node, condition: "Ready", status }, status === ready ? 1 : 0));
      }
      lines.push(series("kube_node_spec_unschedulable", { node }, 0));
      lines.push(series("kube_node_status_allocatable", { node, resource: "cpu", unit: "core" }, 8));
      lines.push(series("kube_node_status_capacity", { node, resource: "pods", unit: "integer" }, 110));
    }
    lines.push(series("kube_node_status_allocatable", { node: "n1", resource: "nvidia_com_gpu", unit: "integer" }, 4));
    const pod = (namespace: string, name: string, uid: string, owner: { kind: string; name: string } | undefined, phase: string, ready?: boolean) => {
      const labels = { namespace, pod: name, uid };
      lines.push(
        series("kube_pod_owner", { ...labels, owner_kind: owner?.kind ?? "", owner_name: owner?.name ?? "", owner_is_controller: owner ? "true" : "" }, 1),
        ...["Pending", "Running", "Succeeded", "Failed", "Unknown"].map((p) => series("kube_pod_status_phase", { ...labels, phase: p }, p === phase ? 1 : 0)),
      );
      if (ready !== undefined) {
        for (const condition of ["true", "false", "unknown"]) lines.push(series("kube_pod_status_ready", { ...labels, condition }, condition === String(ready) ? 1 : 0));
      }
      return labels;
    };
    const api = pod("ml", "api-5d8f7-x2k4p", "u1", { kind: "ReplicaSet", name: "api-5d8f7" }, "Running", true);
    lines.push(
      series("kube_replicaset_owner", { namespace: "ml", replicaset: "api-5d8f7", owner_kind: "Deployment", owner_name: "api", owner_is_controller: "true" }, 1),
      series("kube_pod_container_resource_requests", { ...api, container: "app", node: "n1", resource: "cpu", unit: "core" }, 0.5),
      series("kube_pod_container_status_restarts_total", { ...api, container: "app" }, Math.floor((seconds() * RESTARTS_PER_MINUTE) / scaledMinute)),
    );
    const worker = pod("train", "llama-worker-0", "u2", { kind: "PyTorchJob", name: "llama" }, "Pending");
    lines.push(series("kube_pod_container_resource_requests", { ...worker, container: "trainer", node: "", resource: "nvidia_com_gpu", unit: "integer" }, 8));
    const debug = pod("ml", "debug", "u3", undefined, "Running", true);
    lines.push(series("kube_pod_container_resource_requests", { ...debug, container: "shell", node: "n1", resource: "cpu", unit: "core" }, 1));
    const done = pod("ml", "export-7hx2q", "u4", { kind: "Job", name: "export" }, "Succeeded", false);
    lines.push(series("kube_pod_container_resource_requests", { ...done, container: "export", node: "n1", resource: "cpu", unit: "core" }, 2));
    return `${lines.join("\n")}\n`;
  };
  const kubelet = () => "kubelet_running_pods 3\n";
  /** cAdvisor on n1: the api container uses a quarter of a core and is throttled in half its CFS periods. */
  const cadvisor = () => {
    const container = { namespace: "ml", pod: "api-5d8f7-x2k4p", container: "app", id: "/kubepods/pod-u1/c1", image: "api:1" };
    return `${[
      series("container_cpu_usage_seconds_total", container, seconds() * 0.25),
      series("container_cpu_usage_seconds_total", { ...container, container: "", id: "/kubepods/pod-u1" }, seconds() * 0.26),
      series("container_memory_working_set_bytes", container, 3e8),
      series("container_cpu_cfs_periods_total", container, Math.floor(seconds() * 10)),
      series("container_cpu_cfs_throttled_periods_total", container, Math.floor(seconds() * 5)),
    ].join("\n")}\n`;
  };

  beforeAll(async () => {
    const promPort = await freePort();
    promUrl = `http://127.0.0.1:${promPort}`;
    const { stack, artifacts } = loadTestStack(
      [
        "scrapeInterval: 5s",
        "components: { grafana: false, loki: false, tempo: false, collector: false, dcgmExporter: false, nodeExporter: false, costExporter: false, blackboxExporter: false, alertmanager: false }",
        "alerts:",
        ...WITHOUT_DELAY.map((name) => `  ${name}: { for: 0s }`),
        "",
      ].join("\n"),
      "k8s-e2e",
    );
    const file = artifacts.ruleFiles.find((f) => f.name === "kubernetes");
    if (!file) throw new Error("the kubernetes pack is not in effect");
    generatedFile = file;
    const { ruleFiles, scale } = scaleRuleGroupIntervals([file], stack.settings.scrapeInterval);
    [ruleFile] = ruleFiles as [RuleFile];
    scaledMinute = 60 * scale;
    const start = async (metrics: () => string) => {
      const target = await new FakeTarget(metrics).start();
      targets.push(target);
      return target.port;
    };
    const ksm = await start(kubeStateMetrics);
    const kubeletN1 = await start(kubelet);
    const kubeletN2 = await start(kubelet);
    const kubeletN3Down = await freePort(); // nothing listens: n3's kubelet cannot be scraped
    const cadvisorN1 = await start(cadvisor);
    const service = (name: string, port: number): StaticTarget => ({
      targets: [`127.0.0.1:${port}`],
      labels: { __meta_kubernetes_service_name: name, __meta_kubernetes_endpointslice_port_name: "http-metrics" },
    });
    const node = (name: string, port: number): StaticTarget => ({ targets: [`127.0.0.1:${port}`], labels: { __meta_kubernetes_node_name: name } });
    writeLoopbackPrometheus(
      join(dir, "prometheus"),
      stack,
      [ruleFile],
      {
        "kube-state-metrics": [service("kube-state-metrics", ksm)],
        kubelet: [node("n1", kubeletN1), node("n2", kubeletN2), node("n3", kubeletN3Down)],
        cadvisor: [node("n1", cadvisorN1)],
      },
      undefined,
      ["kubelet", "cadvisor"],
    );
    prometheus = startProcess("prometheus", [
      `--config.file=${join(dir, "prometheus", "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "prometheus", "data")}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ]);
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await Promise.all(targets.map((t) => t.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  const logs = () => `prometheus:\n${prometheus.output().slice(-3000)}`;
  const valueOf = async (expr: string) => (await queryPrometheus(promUrl, expr)).map((s) => ({ ...s.metric, value: Number(s.value[1]) }));
  const queryAt = async (expr: string, time: number): Promise<VectorSample[]> => {
    const body = (await (await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}&time=${time}`)).json()) as { data: { result: VectorSample[] } };
    return body.data.result;
  };
  const firing = async () => {
    const response = await fetch(`${promUrl}/api/v1/alerts`);
    const alerts = ((await response.json()) as { data: { alerts: Array<{ labels: Record<string, string>; state: string }> } }).data.alerts;
    return alerts.filter((a) => a.state === "firing").map((a) => a.labels);
  };

  it("GIVEN the default settings THEN the aggregation group runs every two minutes, the restarts are counted per whole minute, the alerts every minute", () => {
    expect(Object.fromEntries(generatedFile.groups.map((g) => [g.name, g.interval]))).toEqual({
      "nfops-kubernetes-aggregation.rules": "2m",
      "nfops-kubernetes-restarts.rules": "1m",
      "nfops-kubernetes-workloads": "1m",
      "nfops-kubernetes-resources": "1m",
      "nfops-kubernetes-storage": "1m",
      "nfops-kubernetes-nodes": "1m",
    });
    const restarts = generatedFile.groups.find((g) => g.name === "nfops-kubernetes-restarts.rules")?.rules[0]?.expr;
    expect(restarts).toContain("[2m:1m]");
    // The running copy counts the same whole intervals, scaled: twelve times faster with 5 s scrapes.
    expect(ruleFile.groups.find((g) => g.name === "nfops-kubernetes-restarts.rules")).toMatchObject({ interval: "5s", rules: [{ expr: restarts?.replace("[2m:1m]", "[10s:5s]") }] });
  });

  it("GIVEN the scraped cluster WHEN the aggregation group has run THEN workload and namespace totals are exact: finished pods and pod-level cgroups do not count, a bare pod does", async () => {
    await eventually(async () => {
      expect(await valueOf('namespace:kube_pod_container_resource_requests:sum{resource="cpu"}')).toEqual([
        { __name__: "namespace:kube_pod_container_resource_requests:sum", namespace: "ml", resource: "cpu", value: 1.5 },
      ]);
    }, BOUND_MS).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${logs()}`);
    });
    expect(await valueOf("namespace_workload_pod:kube_pod_owner:relabel")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ namespace: "ml", pod: "api-5d8f7-x2k4p", workload: "api", workload_type: "Deployment" }),
        expect.objectContaining({ namespace: "ml", pod: "debug", workload: "debug", workload_type: "Pod" }),
        expect.objectContaining({ namespace: "train", pod: "llama-worker-0", workload: "llama", workload_type: "PyTorchJob" }),
      ]),
    );
    expect(await valueOf('namespace_workload_pod:kube_pod_owner:relabel{pod="export-7hx2q"}')).toEqual([]);
    expect(await valueOf('namespace_workload:kube_pod_container_resource_requests:sum{resource="nvidia_com_gpu"}')).toEqual([
      { __name__: "namespace_workload:kube_pod_container_resource_requests:sum", namespace: "train", workload: "llama", workload_type: "PyTorchJob", resource: "nvidia_com_gpu", value: 8 },
    ]);
    // The 5-minute rate is still filling its window: compare with the container's own rate at the
    // instant the group evaluated, which reads the same samples; the pod-level cgroup is not added.
    // Waited for: at the group's first evaluation cAdvisor may have been scraped only once (no rate).
    const workloadCpu = 'namespace_workload:container_cpu_usage_seconds:rate5m{workload="api"}';
    await eventually(async () => {
      const [evaluation] = await queryPrometheus(promUrl, `timestamp(${workloadCpu})`);
      expect(evaluation, `${workloadCpu} recorded`).toBeDefined();
      const evaluatedAt = Number(evaluation?.value[1]);
      const [cpu] = await queryAt(workloadCpu, evaluatedAt);
      const [container] = await queryAt('rate(container_cpu_usage_seconds_total{job="cadvisor", container="app"}[5m])', evaluatedAt);
      const [podCgroup] = await queryAt('rate(container_cpu_usage_seconds_total{job="cadvisor", container=""}[5m])', evaluatedAt);
      expect(Number(cpu?.value[1])).toBeGreaterThan(0);
      expect(Number(cpu?.value[1])).toBeCloseTo(Number(container?.value[1]), 9);
      expect(Number(podCgroup?.value[1])).toBeGreaterThan(Number(container?.value[1]));
    }, BOUND_MS);
  }, BOUND_MS * 2);

  it("GIVEN a not-ready node, a kubelet that cannot be scraped, a worker waiting for GPUs, a throttled and restarting container WHEN the groups evaluate THEN each alert fires for exactly its object, and every rule is healthy", async () => {
    const expected = [
      { alertname: "KubeNodeNotReady", node: "n2" },
      { alertname: "KubeletDown", node: "n3" },
      { alertname: "GPUPodPendingTooLong", namespace: "train", pod: "llama-worker-0" },
      { alertname: "CPUThrottlingHigh", namespace: "ml", pod: "api-5d8f7-x2k4p", container: "app" },
      // Six restarts a (scaled) minute, counted from the per-minute recording after its second evaluation.
      { alertname: "PodRestartingFrequently", namespace: "ml", pod: "api-5d8f7-x2k4p", container: "app" },
    ];
    const alerts = await eventually(async () => {
      const now = await firing();
      for (const alert of expected) expect(now, alert.alertname).toContainEqual(expect.objectContaining(alert));
      return now;
    }, BOUND_MS).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${logs()}`);
    });
    const of = (name: string) => alerts.filter((a) => a.alertname === name);
    expect(of("KubeNodeNotReady")).toHaveLength(1);
    expect(of("KubeletDown")).toHaveLength(1);
    // The worker waits for GPUs (GPUPodPendingTooLong's), the finished pod is not ready by design: neither is KubePodNotReady.
    expect(of("KubePodNotReady")).toEqual([]);
    expect(of("KubeContainerOOMKilled")).toEqual([]);

    const groups = ((await (await fetch(`${promUrl}/api/v1/rules`)).json()) as { data: { groups: Array<{ name: string; interval: number; rules: Array<{ name: string; health: string; lastError?: string }> }> } }).data.groups;
    expect(groups.map((g) => g.name).sort()).toEqual(ruleFile.groups.map((g) => g.name).sort());
    expect(Object.fromEntries(groups.map((g) => [g.name, g.interval]))).toEqual(Object.fromEntries(ruleFile.groups.map((g) => [g.name, durationSeconds(g.interval ?? "1m")])));
    expect(groups.flatMap((g) => g.rules.filter((r) => r.health !== "ok").map((r) => `${r.name}: ${r.health} ${r.lastError ?? ""}`))).toEqual([]);
    console.log(`e2e: every kubernetes alert expected fired ${seconds().toFixed(0)} s after the start`);
  }, BOUND_MS * 2);
});
