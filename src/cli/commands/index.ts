import type { Command } from "../command.js";

export interface CommandEntry {
  /** One line for `nfops --help`. */
  readonly summary: string;
  /** Imports the command's module; only the command that runs is loaded. */
  load(): Promise<Command>;
  /** Writing files is the command's job, so an invalid input says that nothing was written. */
  readonly writes?: true;
}

/**
 * Every `nfops` sub-command, by name. Modules load lazily so that one-shot commands (audit, cost,
 * collect, report, diff) start in a fraction of a second and never load cdk8s or the Grafana SDK that synth needs.
 */
export const commands: Record<string, CommandEntry> = {
  synth: { summary: "render dist/<env>/ (manifests, rules, dashboards) for every environment", load: async () => (await import("./synth.js")).synthCommand, writes: true },
  cost: { summary: "one-shot energy, cost (USD) and CO2 (kg) from pricing/*.yaml", load: async () => (await import("./cost.js")).costCommand },
  exporter: { summary: "run the cost/CO2 Prometheus exporter (the container's process)", load: async () => (await import("./exporter.js")).exporterCommand },
  collect: { summary: "one-shot CPU, RAM and GPU snapshot of this host in Prometheus text format", load: async () => (await import("./collect.js")).collectCommand, writes: true },
  report: { summary: "cost, CO2, GPU-hours, LLM calls and SLO budgets of the last days, from Prometheus", load: async () => (await import("./report.js")).reportCommand },
  doctor: { summary: "check a live Prometheus against an environment's input contracts and rule groups", load: async () => (await import("./doctor.js")).doctorCommand },
  diff: { summary: "what a change does to dashboards, alerts and objects, per environment (PR comment or JSON)", load: async () => (await import("./diff.js")).diffCommand },
  slo: { summary: "import OpenSLO v1 documents as slos entries, or export an environment's slos as OpenSLO", load: async () => (await import("./slo.js")).sloCommand, writes: true },
  bench: { summary: "validate a benchmark results file and push its metrics to a Pushgateway", load: async () => (await import("./bench.js")).benchCommand },
  audit: { summary: "append to and verify the hash-chained audit log", load: async () => (await import("./audit.js")).auditCommand, writes: true },
};
