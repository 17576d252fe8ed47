// A synthetic GPU fleet for the rule-evaluation bench: the series dcgm-exporter, kube-state-metrics,
// node-exporter, inference services and the cost exporter would expose, as functions of time, so that
// the backfilled history and the live scrape target agree on every value.

import { METRIC } from "../rules/core/catalog.js";
import { durationSeconds } from "../src/config/duration.js";
import { ACCOUNTING_INTERVAL } from "../src/promql/windows.js";

const MODELS = ["NVIDIA A100-SXM4-80GB", "NVIDIA H100 80GB HBM3", "NVIDIA L4", "Tesla T4"];
const MIG_MODEL = "NVIDIA H100 80GB HBM3";
const MIG_INSTANCES = 7;
const CPUS_PER_NODE = 64;
const PODS_PER_SERVICE = 2;
const GPUS_PER_NODE = 8;
/**
 * The DaemonSet pods on every GPU node besides the GPU jobs: kube-proxy and the CNI agent, the stack's
 * node-exporter, dcgm-exporter and log collector, the GPU Operator's device plugin, feature discovery
 * and container toolkit. The rules that read every pod's phase read theirs too.
 */
const NODE_DAEMONS = ["kube-proxy", "cni-node", "node-exporter", "dcgm-exporter", "log-collector", "nvidia-device-plugin-daemonset", "gpu-feature-discovery", "nvidia-container-toolkit-daemonset"];
/** Pods time-slicing one GPU, on the one GPU in ten that is shared. */
const SHARING_PODS = 4;
/** One GPU in ten is a MIG H100 cut into 7 instances, one in ten is time-sliced, one in five no pod holds. */
const isMig = (i: number) => i % 10 === 3;
const isShared = (i: number) => i % 10 === 5;
const isHeld = (i: number) => i % 5 !== 1;
/** Of the GPUs no pod holds, one in a thousand is busy all the same (a zombie process); the others idle at 0 MiB. */
const isZombie = (i: number) => i % 1000 === 1;

/** One series: its exposition name with labels, its value at a time (ms), and how much history it has. */
export interface FleetSeries {
  readonly key: string;
  value(atMs: number): number;
  /** How far back the TSDB holds it at the start of the bench (ms); 0 = only scraped live. */
  readonly historyMs: number;
  /** Sample spacing of its history (ms). */
  readonly stepMs: number;
  /** Series recorded by rules (history only), as opposed to series a target exposes. */
  readonly recorded: boolean;
  /** The same value at every time: the live target writes its line once. */
  readonly constant?: boolean;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
const SCRAPE_MS = 15_000;
/** The roll-up interval: nf_gpu_util is recorded once a minute (rules/core/semantic.ts). */
const ROLLUP_MS = MINUTE;
/** The accounting interval at that roll-up interval: the shares and the cost roll-ups are recorded this often. */
const ACCOUNTING_MS = durationSeconds(ACCOUNTING_INTERVAL) * 1000;
/** Target labels of the standalone kube-state-metrics job. */
export const ksm = { job: "kube-state-metrics", instance: "kube-state-metrics:8080" };

function labels(pairs: Record<string, string | number>): string {
  return `{${Object.entries(pairs)
    .filter(([, value]) => value !== "")
    .map(([name, value]) => `${name}="${value}"`)
    .join(",")}}`;
}

/** A series with a constant value; recorded ones every roll-up interval unless `recordedEveryMs` says otherwise. */
export const gauge = (name: string, pairs: Record<string, string | number>, value: number, historyMs: number, recorded = false, recordedEveryMs = ROLLUP_MS): FleetSeries => ({
  key: name + labels(pairs),
  value: () => value,
  historyMs,
  stepMs: recorded ? recordedEveryMs : SCRAPE_MS,
  recorded,
  constant: true,
});

/** kube-state-metrics v2.16.0 internal/store/pod.go (createPodStatusPhaseFamilyGenerator): all five phases of every pod, 1 for its own, 0 for the others. */
const POD_PHASES = ["Pending", "Running", "Succeeded", "Failed", "Unknown"];
export const podPhases = (pod: Record<string, string | number>, phase: string): FleetSeries[] =>
  POD_PHASES.map((candidate) => gauge("kube_pod_status_phase", { ...pod, phase: candidate }, candidate === phase ? 1 : 0, 0));

/** A counter growing at `perSecond`. */
export const counter = (name: string, pairs: Record<string, string | number>, perSecond: number, historyMs: number): FleetSeries => ({
  key: name + labels(pairs),
  value: (atMs) => Math.floor((atMs / 1000) * perSecond),
  historyMs,
  stepMs: SCRAPE_MS,
  recorded: false,
});

/**
 * The fleet at a size: 8 GPUs per node, one GPU in ten a 7-way MIG H100, one in ten time-sliced by
 * 4 pods (dcgm-exporter with --kubernetes-virtual-gpus, as deployed), four in five held by a pod
 * (every MIG instance and every shared GPU among them), the others idle but for one zombie in a thousand GPUs;
 * eight DaemonSet pods per node; one inference service (2 pods) per 100 GPUs; 64 CPUs per node, of
 * whose CPU time only the idle mode the rules read (the other seven modes are never selected). History: 65 minutes of raw DCGM
 * series (the longest range a rule reads over them is 1 h, the energy counter's increase and the
 * utilisation average; 5 minutes to spare), 3 days of inference counters (the SLO's longest window),
 * 1 h of the series the GPU and cost groups record (every minute, every accounting interval), and a
 * week of the roll-ups the weekly budget alerts read. The bench writes the last 70 minutes of it into
 * Prometheus' head and keeps the rest in blocks (bench/head-history.ts), as a Prometheus that has run for hours holds it.
 */
export function syntheticFleet(gpus: number): FleetSeries[] {
  const series: FleetSeries[] = [];
  const dcgmHistory = HOUR + 5 * MINUTE;
  for (let i = 0; i < gpus; i++) {
    const node = `gpu-node-${Math.floor(i / GPUS_PER_NODE)}`;
    const mig = isMig(i);
    const shared = isShared(i);
    const model = mig ? MIG_MODEL : (MODELS[i % MODELS.length] as string);
    const device = { job: "dcgm-exporter", instance: `${node}:9400`, node, gpu: i % GPUS_PER_NODE, UUID: `GPU-${i}`, modelName: model, Hostname: node };
    const held = isHeld(i);
    const busy = held || isZombie(i);
    const holder = { namespace: held ? `team-${i % 10}` : "", pod: held ? `job-${i}` : "", container: held ? "main" : "" };
    const watts = 150 + (i % 200);
    const instances = mig ? MIG_INSTANCES : 1;
    // The device's labels as recording rules keep them: without the scrape's job, instance and Hostname.
    const { job: _job, instance: _instance, Hostname: _host, ...recordedDevice } = device;
    for (let k = 0; k < instances; k++) {
      const migInstance = mig ? { GPU_I_PROFILE: "1g.10gb", GPU_I_ID: k + 7 } : { GPU_I_PROFILE: "", GPU_I_ID: "" };
      // A time-sliced GPU: the device's series keep no pod (dcgm-exporter 4.5.3 with --kubernetes-virtual-gpus).
      const pod = shared ? { namespace: "", pod: "", container: "" } : held ? { ...holder, pod: mig ? `job-${i}-${k}` : holder.pod } : holder;
      const util = busy ? (i * 7 + k * 13) % 100 : 0;
      const all = { ...device, ...migInstance, ...pod };
      // Every field of the counters file on every instance: device-level fields repeat on each MIG
      // instance, and MIG instances report the device-level GPU_UTIL as 0 (rules/core/tests/gpu-accounting.test.yaml).
      series.push(
        gauge("DCGM_FI_DEV_POWER_USAGE", all, watts, dcgmHistory),
        counter("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", all, watts * 1000, dcgmHistory),
        gauge("DCGM_FI_DEV_GPU_TEMP", all, 60, 0),
        gauge("DCGM_FI_DEV_CLOCKS_EVENT_REASONS", all, 0, 0),
        gauge("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", all, 0, 20 * MINUTE),
        gauge("DCGM_FI_DEV_ROW_REMAP_FAILURE", all, 0, 0),
        gauge("DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL", all, 0, 10 * MINUTE),
        gauge("DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL", all, 0, 10 * MINUTE),
        gauge("DCGM_FI_DEV_GPU_UTIL", all, mig ? 0 : util, dcgmHistory),
        gauge("DCGM_FI_DEV_FB_USED", all, busy ? 1000 + i : 0, dcgmHistory),
        gauge("DCGM_FI_DEV_FB_FREE", all, busy ? 40000 - i : 41000, dcgmHistory),
      );
      if (mig) series.push(gauge("DCGM_FI_PROF_GR_ENGINE_ACTIVE", all, util / 100, dcgmHistory));
      // What the readings and accounting groups recorded over the last hour (their sliding windows read 1 h of these).
      const recordedLabels = { ...recordedDevice, ...migInstance, namespace: pod.namespace, pod: pod.pod };
      series.push(gauge("nf_gpu_util", { ...recordedLabels, container: pod.container }, util, HOUR, true));
      // A shared GPU's share goes to the pods sharing it (below), not to its device series.
      if (!shared) series.push(gauge("namespace_pod_gpu:nf_gpu_share:ratio", { ...recordedLabels, namespace: pod.namespace || "unallocated", gpu_model: model }, 1 / instances, HOUR, true, ACCOUNTING_MS));
      if (held && !shared && util < 20) {
        series.push(gauge("namespace_pod_gpu:nf_gpu_idle_share:ratio", { ...recordedLabels, gpu_model: model }, 1 / instances, HOUR, true, ACCOUNTING_MS));
      }
    }
    // The energy counter's increase over each accounting interval, per physical GPU: W x ms = mJ.
    series.push(gauge(METRIC.countedGpuEnergyStep, recordedDevice, watts * ACCOUNTING_MS, HOUR, true, ACCOUNTING_MS));
    // Each pod sharing the GPU: its own utilisation next to the device's series.
    for (let p = 0; shared && p < SHARING_PODS; p++) {
      const sharing = { namespace: holder.namespace, pod: `${holder.pod}-${p}`, container: "main" };
      const util = (i + 10 * p) % 100;
      const recordedSharing = { ...recordedDevice, GPU_I_PROFILE: "", GPU_I_ID: "", namespace: sharing.namespace, pod: sharing.pod };
      series.push(
        gauge("DCGM_FI_DEV_GPU_UTIL", { ...device, ...sharing }, util, dcgmHistory),
        gauge("DCGM_FI_DEV_FB_USED", { ...device, ...sharing }, 1000 + p, dcgmHistory),
        gauge("nf_gpu_util", { ...recordedSharing, container: sharing.container }, util, HOUR, true),
        gauge("namespace_pod_gpu:nf_gpu_share:ratio", { ...recordedSharing, gpu_model: model }, 1 / SHARING_PODS, HOUR, true, ACCOUNTING_MS),
      );
    }
  }
  const nodes = Math.ceil(gpus / GPUS_PER_NODE);
  for (let n = 0; n < nodes; n++) {
    const node = `gpu-node-${n}`;
    for (let cpu = 0; cpu < CPUS_PER_NODE; cpu++) {
      series.push(counter("node_cpu_seconds_total", { job: "node-exporter", instance: `${node}:9100`, node, cpu, mode: "idle" }, 0.5, 10 * MINUTE));
    }
    series.push(
      gauge("node_memory_MemTotal_bytes", { job: "node-exporter", instance: `${node}:9100`, node }, 512e9, 0),
      gauge("node_memory_MemAvailable_bytes", { job: "node-exporter", instance: `${node}:9100`, node }, 256e9, 0),
      gauge("kube_node_status_capacity", { ...ksm, node, resource: "nvidia_com_gpu", unit: "integer" }, GPUS_PER_NODE, 0),
      gauge("kube_node_status_allocatable", { ...ksm, node, resource: "nvidia_com_gpu", unit: "integer" }, GPUS_PER_NODE, 0),
      gauge("kube_node_labels", { ...ksm, node }, 1, 0),
    );
    for (const daemon of NODE_DAEMONS) {
      const pod = { ...ksm, namespace: "kube-system", pod: `${daemon}-${n}`, node };
      series.push(
        ...podPhases(pod, "Running"),
        gauge("kube_pod_container_resource_requests", { ...pod, container: daemon, resource: "cpu", unit: "core" }, 0.1, 0),
        gauge("kube_pod_container_resource_requests", { ...pod, container: daemon, resource: "memory", unit: "byte" }, 2e8, 0),
      );
    }
  }
  for (let i = 0; i < gpus; i++) {
    if (!isHeld(i)) continue;
    // Each pod as dcgm-exporter names it above, with the resource it requests (the mixed MIG strategy's per profile).
    const [pods, resource] = isShared(i) ? [SHARING_PODS, "nvidia_com_gpu_shared"] : isMig(i) ? [MIG_INSTANCES, "nvidia_com_mig_1g_10gb"] : [1, "nvidia_com_gpu"];
    for (const name of pods > 1 ? Array.from({ length: pods }, (_, p) => `job-${i}-${p}`) : [`job-${i}`]) {
      const pod = { ...ksm, namespace: `team-${i % 10}`, pod: name, node: `gpu-node-${Math.floor(i / GPUS_PER_NODE)}` };
      series.push(gauge("kube_pod_container_resource_requests", { ...pod, container: "main", resource, unit: "integer" }, 1, 0), ...podPhases(pod, "Running"));
    }
  }
  const services = Math.max(10, Math.round(gpus / 100));
  for (let s = 0; s < services; s++) {
    for (let p = 0; p < PODS_PER_SERVICE; p++) {
      const target = { job: "inference", instance: `svc-${s}-${p}:8000`, namespace: `team-${s % 10}`, service: `svc-${s}`, pod: `svc-${s}-${p}` };
      series.push(counter("nf_infer_requests_total", target, 100, 3 * 24 * HOUR), counter("nf_infer_errors_total", target, 1, 3 * 24 * HOUR));
      for (const [le, share] of [["50", 0.5], ["100", 0.8], ["250", 0.95], ["500", 0.99], ["1000", 0.999], ["+Inf", 1]] as const) {
        series.push(counter("nf_infer_latency_ms_bucket", { ...target, le }, 100 * share, 10 * MINUTE));
      }
      series.push(counter("nf_infer_latency_ms_count", target, 100, 10 * MINUTE));
    }
  }
  const exporter = { job: "nfops-cost-exporter", instance: "nfops-cost-exporter:9464" };
  series.push(
    gauge("nf_datacenter_pue", { ...exporter, region: "us-east-1" }, 1.2, HOUR),
    gauge("nf_grid_carbon_intensity_g_per_kwh", { ...exporter, region: "us-east-1" }, 350, HOUR),
    gauge("nf_electricity_price_usd_per_kwh", { ...exporter, region: "us-east-1" }, 0.1, HOUR),
  );
  MODELS.forEach((model, i) => {
    series.push(
      gauge("nf_gpu_price_usd_per_hour", { ...exporter, gpu_model: model }, i + 1, HOUR),
      gauge("nf_gpu_tdp_watts", { ...exporter, gpu_model: model }, 300 + 100 * i, HOUR),
    );
    for (let team = 0; team < 10; team++) {
      const rollup = { namespace: `team-${team}`, gpu_model: model, source: "gpu" };
      series.push(gauge("nf_cost_usd", rollup, 2, 7 * 24 * HOUR, true, ACCOUNTING_MS), gauge("nf_co2_kg", rollup, 0.5, 7 * 24 * HOUR, true, ACCOUNTING_MS));
    }
  });
  return series;
}
