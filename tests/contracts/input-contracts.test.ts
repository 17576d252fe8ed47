import { describe, expect, it } from "vitest";
import { INPUT_PRODUCER_IDS, INPUT_PRODUCERS } from "../../src/catalog/input-contracts.js";
import { catalogInEffect } from "../../src/model/catalog-in-effect.js";
import { PACK_NAMES } from "../../src/packs/registry.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { packContext } from "../helpers/packs.js";

const { environment } = loadTestEnvironment(`packs: [${PACK_NAMES.join(", ")}]\nenergy: { kepler: true }\n`, "all");
const { stack, packs } = packContext(environment);
const entries = catalogInEffect(stack, packs);
/** Producers that are this stack's own Prometheus and Alertmanager, or its recording rules: no contract with anyone else. */
const OWN = new Set(["recording rule", "prometheus", "alertmanager"]);

describe("input contracts", () => {
  it("GIVEN every pack THEN every metric another program writes has a contract in its catalog entry", () => {
    expect(entries.filter((e) => !OWN.has(e.producer) && e.input === undefined).map((e) => e.name)).toEqual([]);
    expect(entries.filter((e) => OWN.has(e.producer) && e.input !== undefined).map((e) => e.name)).toEqual([]);
  });

  it("GIVEN every producer THEN it is read by some pack, cites source files with a version, and each label check has a broken example its matcher selects", () => {
    const read = new Set(entries.flatMap((e) => (e.input ? [e.input.producer] : [])));
    expect(INPUT_PRODUCER_IDS.filter((id) => !read.has(id))).toEqual([]);
    for (const producer of Object.values(INPUT_PRODUCERS)) {
      expect(producer.checkedAgainst.length, producer.id).toBeGreaterThan(0);
      for (const source of producer.checkedAgainst) expect(source.version, producer.id).toMatch(/\S/);
      for (const check of producer.labelChecks) {
        const [, label, op, pattern] = /^(\w+)(=~|!=|=)"(.*)"$/.exec(check.matcher) ?? [];
        const actual = check.broken[label ?? ""] ?? "";
        const matches = op === "=" ? actual === pattern : op === "!=" ? actual !== pattern : new RegExp(`^(?:${pattern})$`).test(actual);
        expect(matches, `${producer.id} ${check.matcher} on ${JSON.stringify(check.broken)}`).toBe(true);
      }
    }
  });
});
