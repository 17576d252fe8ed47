import type { EnvironmentSettings } from "./config/environment-schema.js";

/**
 * Every container image the stack deploys, pinned to a version, in this one file. Environments may
 * override any of them (`images:` in `stacks/<env>.yaml`, e.g. for a registry mirror).
 * Bump versions here, run `npm run synth`, and review the diff.
 */
export const DEFAULT_IMAGES = {
  prometheus: "quay.io/prometheus/prometheus:v3.5.0",
  alertmanager: "quay.io/prometheus/alertmanager:v0.28.1",
  grafana: "docker.io/grafana/grafana:12.1.1",
  loki: "docker.io/grafana/loki:3.5.3",
  tempo: "docker.io/grafana/tempo:2.8.2",
  collector: "docker.io/grafana/alloy:v1.10.1",
  nodeExporter: "quay.io/prometheus/node-exporter:v1.9.1",
  kubeStateMetrics: "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.16.0",
  dcgmExporter: "nvcr.io/nvidia/k8s/dcgm-exporter:4.2.3-4.3.1-ubuntu22.04",
  // Built from this repository's Dockerfile; the tag follows package.json's version.
  costExporter: "ghcr.io/nfops/nfops-cost-exporter:0.1.0",
} as const;

export type ImageName = keyof typeof DEFAULT_IMAGES;

/** The image of a component in an environment: its override, else the pinned default. */
export function imageFor(settings: EnvironmentSettings, name: ImageName): string {
  return settings.images[name] ?? DEFAULT_IMAGES[name];
}

/** The version part of an image reference, for the `app.kubernetes.io/version` label. */
export function imageVersion(image: string): string {
  const tag = image.split("@")[0]?.split("/").pop()?.split(":")[1];
  return (tag ?? "unknown").replace(/^v(?=\d)/, "");
}
