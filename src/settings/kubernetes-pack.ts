/** The `kubernetes` pack's settings. Composed into the environment schema. */
export const kubernetesSettingsSchema = {
  kubernetes: {
    type: "object",
    additionalProperties: false,
    default: {},
    description:
      "The `kubernetes` pack (workload, resource, storage and node alerts; see README \"Packs\"): it comes with kube-state-metrics, so the standalone profile has it and the operator profile, whose kube-prometheus-stack ships its own, does not. Thresholds of its alerts.",
    properties: {
      enabled: { type: "boolean", default: true, description: "Bring the `kubernetes` pack with kube-state-metrics (standalone profile). `false` leaves its rules and dashboards out, for clusters that alert on workloads elsewhere." },
      podRestartsPerHour: { type: "integer", minimum: 1, maximum: 1000, default: 5, description: "Container restarts within the last hour above which `PodRestartingFrequently` fires." },
      podNotReadyMinutes: { type: "integer", minimum: 1, maximum: 1440, default: 15, description: "Minutes a pod may be Pending, Unknown or running but not Ready before `KubePodNotReady`." },
      jobMaxRunHours: { type: "number", exclusiveMinimum: 0, maximum: 8760, default: 24, description: "Hours a Job may keep active pods before `KubeJobNotCompleted` (training jobs run long: set it above the longest expected run)." },
      cpuThrottlingPercent: { type: "number", exclusiveMinimum: 0, maximum: 100, default: 25, description: "Share of a container's CFS periods that are throttled, in %, above which `CPUThrottlingHigh` fires (15 minutes)." },
      spareNodes: { type: "integer", minimum: 0, maximum: 100, default: 1, description: "Nodes the cluster should be able to lose: `KubeCPUOvercommit` / `KubeMemoryOvercommit` fire when requests exceed allocatable minus this many of the largest nodes. `0` fires only when requests exceed everything allocatable." },
      quotaPercent: { type: "number", exclusiveMinimum: 0, maximum: 100, default: 90, description: "Use of a ResourceQuota's hard limit, in %, from which `KubeQuotaAlmostFull` fires." },
      volumeFullPercent: { type: "number", exclusiveMinimum: 0, maximum: 100, default: 95, description: "PersistentVolume space in use, in %, above which `KubePersistentVolumeFillingUp` is critical." },
      volumeFullWithinHours: { type: "number", exclusiveMinimum: 0, maximum: 720, default: 24, description: "`KubePersistentVolumeFillingUp` warns when the trend of the last 6 hours fills the volume within this many hours." },
      kubeletPodsPercent: { type: "number", exclusiveMinimum: 0, maximum: 100, default: 95, description: "Running pods as a % of the node's pod capacity above which `KubeletTooManyPods` fires." },
      gpuPodPendingMinutes: { type: "integer", minimum: 1, maximum: 10080, default: 30, description: "Minutes a pod requesting GPUs may wait for the scheduler to place it before `GPUPodPendingTooLong` (the training queue's backlog)." },
    },
  },
} as const;
