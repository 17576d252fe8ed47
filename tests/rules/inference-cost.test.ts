import { describe, expect, it } from "vitest";
import { rollupInterval } from "../../src/promql/windows.js";
import type { Environment } from "../../src/config/environment-schema.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { artifactsOf } from "../helpers/packs.js";
import { readersMoreOftenThan, rulesReading } from "../helpers/rule-readers.js";

/**
 * The inference and SLO rules' cost design (rules/core/semantic.ts, rules/core/slos.ts, `npm run
 * bench -- rules`): every inference pod's raw counters and latency buckets are read once a roll-up
 * interval, into the 5-minute recordings; every longer window sums those. At the scrape interval
 * they were the costliest 15-second group at 10,000 GPUs.
 */
const SHORT_WINDOW_GROUPS = ["nfops-inference.rules", "nfops-slo-sli.rules"];

/** The inference services' own series (`nf_infer_*`), as opposed to the recordings made of them (`…:nf_infer_…`). */
const isRawInference = (metric: string) => metric.startsWith("nf_infer_");

function groupsOf(environment: Environment) {
  return artifactsOf(environment).ruleFiles.flatMap((f) => f.groups);
}

describe("inference and SLO rule cost", () => {
  it("GIVEN the default settings THEN the 5-minute rates of the inference services and of each SLO are recorded once a roll-up interval", () => {
    const { environment } = loadTestEnvironment("", "inference-cost");
    const groups = groupsOf(environment);
    for (const name of SHORT_WINDOW_GROUPS) expect(groups.find((g) => g.name === name)?.interval, name).toBe(rollupInterval(environment.settings));
    expect(rollupInterval(environment.settings)).toBe("1m");
  });

  it("GIVEN scrapes every 2 minutes THEN they run every scrape: no group runs more often than it is scraped", () => {
    const { environment } = loadTestEnvironment("scrapeInterval: 2m\n", "inference-cost-slow");
    const groups = groupsOf(environment);
    for (const name of SHORT_WINDOW_GROUPS) expect(groups.find((g) => g.name === name)?.interval, name).toBe("2m");
  });

  it("GIVEN the default environment THEN no rule reads the inference services' raw series more often than once a roll-up interval", () => {
    const { environment } = loadTestEnvironment("", "inference-cost-readers");
    const { settings } = environment;
    const readers = rulesReading(groupsOf(environment), isRawInference);
    expect(readers.length).toBeGreaterThan(0);
    expect(readersMoreOftenThan(readers, rollupInterval(settings), settings.scrapeInterval)).toEqual([]);
  });
});
