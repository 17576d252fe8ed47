/** Prometheus scrape configuration fragments, as plain objects in the file format Prometheus reads. */

/** One `relabel_configs` entry (snake_case keys, as in `prometheus.yml`). */
export type Relabel = Readonly<Record<string, unknown>>;

/**
 * Scrape jobs of targets outside the stack's components: kubelets and cAdvisor on every node, and
 * inference pods that opt in by annotation (whose job the operator profile's PodMonitor sets too),
 * and Kepler when `energy.kepler` reads it. Rules select on these, so they live below both.
 */
export const CLUSTER_JOB = { kubelet: "kubelet", cadvisor: "cadvisor", inference: "inference", kepler: "kepler" } as const;

/** One `scrape_configs` entry. */
export type ScrapeConfig = Record<string, unknown> & { readonly job_name: string };
