import { durationSeconds } from "../config/duration.js";
import type { EnvironmentSettings } from "../config/environment-schema.js";
import type { SettingsProblem } from "../config/load-environments.js";
import type { k8s } from "cdk8s-plus-28";

/**
 * What the Thanos pieces share (pure; the sidecar in the Prometheus pod, Query, Store Gateway and
 * Compactor read it): the image, ports, the objstore Secret mount, and the checks of
 * `longTermStorage` that the schema cannot state.
 */

/** Pinned Thanos release; every Thanos workload and the sidecar run it. */
export const THANOS_IMAGE = "quay.io/thanos/thanos:v0.41.0";
/** StoreAPI gRPC (Query → sidecar and Store Gateway) and HTTP (metrics, probes, Query's API), Thanos' defaults. */
export const THANOS_GRPC_PORT = 10901;
export const THANOS_HTTP_PORT = 10902;
/** `nobody`, as kube-thanos runs every Thanos container (and the Prometheus pod's user, whose TSDB the sidecar reads). */
export const THANOS_UID = 65534;
/** Where the user's objstore Secret key is mounted, read through `--objstore.config-file`. */
export const OBJSTORE_DIR = "/etc/thanos/objstore";
/** Thanos requires equal min and max block durations (2 h) in Prometheus, so that only the sidecar's uploads compact. */
export const THANOS_BLOCK_DURATION = "2h";
/** Prometheus must keep a block until the sidecar has uploaded it: at least three block durations. */
const MIN_LOCAL_RETENTION = "6h";
/** Headless Service listing every Prometheus pod's sidecar, so Query holds one StoreAPI connection per replica; also its scrape job. */
export const THANOS_SIDECAR_SERVICE = "thanos-sidecar";
export const THANOS_SIDECAR_CONTAINER = "thanos-sidecar";

export type LongTermStorage = NonNullable<EnvironmentSettings["longTermStorage"]>;

/** The Thanos settings of an environment, when it asks for Thanos (standalone profile only: the operator profile runs no Prometheus of its own). */
export function thanosOf(settings: EnvironmentSettings): LongTermStorage | undefined {
  return settings.profile === "standalone" && settings.longTermStorage?.kind === "thanos" ? settings.longTermStorage : undefined;
}

/** Query reads the sidecars; Grafana then reads Query instead of Prometheus. */
export function thanosQueryDeployed(settings: EnvironmentSettings): boolean {
  return thanosOf(settings) !== undefined && settings.components.prometheus && settings.components.thanosQuery !== false;
}

/** The objstore Secret key as a volume, its mount and the flag pointing at it. */
export function objstoreMount(thanos: LongTermStorage): { volume: k8s.Volume; mount: k8s.VolumeMount; flag: string } {
  const { secretName, key } = thanos.objectStorage;
  return {
    volume: { name: "objstore", secret: { secretName, items: [{ key, path: key }] } },
    mount: { name: "objstore", mountPath: OBJSTORE_DIR, readOnly: true },
    flag: `--objstore.config-file=${OBJSTORE_DIR}/${key}`,
  };
}

/** `dnssrv+` address of a Service's `grpc` port: every pod of a headless Service, the one address of a ClusterIP one. */
export function grpcEndpoint(service: string, namespace: string): string {
  return `dnssrv+_grpc._tcp.${service}.${namespace}.svc`;
}

/** What the schema cannot say about `longTermStorage`. */
export function checkLongTermStorage(settings: EnvironmentSettings): SettingsProblem[] {
  const thanos = settings.longTermStorage;
  if (thanos === undefined) return [];
  const problems: SettingsProblem[] = [];
  if (settings.profile !== "standalone") {
    problems.push({ path: "/longTermStorage", message: "applies to the standalone profile only (the operator profile deploys no Prometheus)", value: settings.profile });
  }
  if (settings.prometheus.remoteWriteUrl !== "") {
    problems.push({
      path: "/prometheus/remoteWriteUrl",
      message:
        'cannot be combined with longTermStorage: choose Thanos or remote write as the long-term store (docs/scaling.md "Long-term storage and a global view"); Grafana reads only Thanos Query, so a remote-written copy would be a second history nothing here reads',
      value: settings.prometheus.remoteWriteUrl,
    });
  }
  if (durationSeconds(settings.retention.prometheus) < durationSeconds(MIN_LOCAL_RETENTION)) {
    problems.push({
      path: "/retention/prometheus",
      message: `must be at least ${MIN_LOCAL_RETENTION} with longTermStorage: Prometheus must keep each ${THANOS_BLOCK_DURATION} block until the sidecar has uploaded it`,
      value: settings.retention.prometheus,
    });
  }
  problems.push(...compactorRetentionProblems(thanos));
  return problems;
}

/**
 * The Compactor refuses to start with downsampling on when a resolution would be deleted before the
 * next one is made from it: raw below 40 h (`downsample.ResLevel1DownsampleRange`) or 5-minute
 * below 10 days (`ResLevel2DownsampleRange`) — thanos cmd/thanos/compact.go `runCompact`, "5m
 * resolution retention must be higher than the minimum block size after which 1h resolution
 * downsampling will occur (10 days)".
 */
const COMPACTOR_MINIMUM_RETENTION = { retentionRaw: "40h", retentionFiveMinutes: "10d" } as const;

function compactorRetentionProblems(thanos: NonNullable<EnvironmentSettings["longTermStorage"]>): SettingsProblem[] {
  if (thanos.downsampling === false) return [];
  return (Object.entries(COMPACTOR_MINIMUM_RETENTION) as [keyof typeof COMPACTOR_MINIMUM_RETENTION, string][]).flatMap(([key, minimum]) => {
    const value = thanos[key] as string;
    return durationSeconds(value) < durationSeconds(minimum)
      ? [{ path: `/longTermStorage/${key}`, message: `must be at least ${minimum} while downsampling is on: the Thanos Compactor refuses to start when a resolution is deleted before the next is made from it`, value }]
      : [];
  });
}
