import { describe, expect, it } from "vitest";
import { durationSeconds } from "../../src/config/duration.js";
import { loadEnvironments } from "../../src/config/load-environments.js";
import { loadPricing } from "../../src/config/load-pricing.js";
import { projectPaths } from "../../src/config/project-paths.js";
import { PROMETHEUS_LOOKBACK_DELTA } from "../../src/promql/windows.js";
import { LOAD_OPTIONS } from "../../src/synth/load-options.js";
import { artifactsOf } from "../helpers/packs.js";

/**
 * A recording's samples carry its group's scheduled time but are written only once the rule has been
 * evaluated, seconds later on a large fleet. A query between the two finds only the previous sample:
 * with a group interval equal to the lookback delta that one is just too old, and the recording is
 * absent for everything that reads it then (alerts restart their `for`, panels show gaps).
 */
const paths = projectPaths();
const environments = loadEnvironments(paths, loadPricing(paths), LOAD_OPTIONS);

describe("recording rules and the lookback delta", () => {
  it("GIVEN the repository THEN the embedded default and every stacks/ environment are checked", () => {
    expect(environments.map((e) => e.name)).toContain("default");
    expect(environments.length).toBeGreaterThan(1);
  });

  it.each(environments.map((e) => [e.name, e] as const))(
    "GIVEN environment %s THEN every group that records evaluates more often than the lookback delta",
    (_name, environment) => {
      const lookbackSeconds = durationSeconds(PROMETHEUS_LOOKBACK_DELTA);
      // A group without an interval runs at the global evaluation_interval, the scrape interval (src/components/prometheus-config.ts).
      const tooSlow = artifactsOf(environment)
        .ruleFiles.flatMap((file) => file.groups.map((group) => ({ file: file.name, group })))
        .filter(({ group }) => group.rules.some((rule) => rule.record))
        .map(({ file, group }) => ({ group: `${file}.yaml ${group.name}`, interval: group.interval ?? environment.settings.scrapeInterval }))
        .filter(({ interval }) => durationSeconds(interval) >= lookbackSeconds);
      expect(tooSlow).toEqual([]);
    },
  );
});
