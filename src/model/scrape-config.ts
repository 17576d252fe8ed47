/** Prometheus scrape configuration fragments, as plain objects in the file format Prometheus reads. */

/** One `relabel_configs` entry (snake_case keys, as in `prometheus.yml`). */
export type Relabel = Readonly<Record<string, unknown>>;

/** One `scrape_configs` entry. */
export type ScrapeConfig = Record<string, unknown> & { readonly job_name: string };
