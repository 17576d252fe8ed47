import type { InputContract } from "../../src/catalog/input-contracts.js";
import type { MetricEntry } from "../../src/catalog/types.js";

/** Series of the blackbox exporter's `/probe` endpoint that the probes pack reads. */
export const PROBE_METRIC = {
  success: "probe_success",
  durationSeconds: "probe_duration_seconds",
  httpStatusCode: "probe_http_status_code",
} as const;

/**
 * Scrape jobs of the probes: endpoints listed in `probes`, and Services annotated
 * `nfops.io/probe: "true"`. The blackbox exporter's own metrics are its component job.
 */
export const PROBE_JOB = { listed: "probes", services: "probe-services" } as const;

/**
 * Labels every probe series carries: `probe` (its name, or the Service's), `module`, `instance` (the
 * target), `critical="true"` for probes that page, and `namespace`/`service` for annotated Services.
 */
const probeLabels = ["job", "instance", "probe", "module", "critical", "namespace", "service"];

/** Probe series exist for every probe the jobs list, from their first scrape of `/probe`. */
const PROBE_INPUT: InputContract = { producer: "blackbox-exporter", registration: "eager", enabledBy: "a module of the blackbox configuration and a probe job (probes, probe-services)" };

export const probesMetrics: readonly MetricEntry[] = [
  { name: PROBE_METRIC.success, type: "gauge", unit: "boolean", labels: probeLabels, producer: "blackboxExporter", input: PROBE_INPUT, description: "1 when the probe succeeded." },
  { name: PROBE_METRIC.durationSeconds, type: "gauge", unit: "seconds", labels: probeLabels, producer: "blackboxExporter", input: PROBE_INPUT, description: "How long the probe took, DNS lookup and connection included." },
  { name: PROBE_METRIC.httpStatusCode, type: "gauge", unit: "HTTP status", labels: probeLabels, producer: "blackboxExporter", input: PROBE_INPUT, description: "Status code of the HTTP probe's last response (0 when none came)." },
];
