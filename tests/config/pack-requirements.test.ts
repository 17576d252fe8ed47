import { describe, expect, it } from "vitest";
import { checkPackRequirements, PACKS } from "../../src/packs/registry.js";
import { loadTestEnvironments } from "../helpers/environments.js";

describe("packs requiring other packs", () => {
  it("GIVEN every registered pack THEN each pack it requires is registered and is not itself", () => {
    for (const pack of Object.values(PACKS)) {
      for (const requirement of pack.requires ?? []) {
        expect(Object.keys(PACKS), `${pack.name} requires ${requirement.pack}`).toContain(requirement.pack);
        expect(requirement.pack).not.toBe(pack.name);
      }
    }
  });

  it("GIVEN the llm pack with core THEN no requirement is reported; without core THEN one naming both packs", () => {
    const [environment] = loadTestEnvironments({ llm: "packs: [core, llm]\n" }).environments;
    expect(checkPackRequirements(environment!.settings)).toEqual([]);
    const withoutCore = { ...environment!.settings, packs: ["llm"] };
    expect(checkPackRequirements(withoutCore).map((problem) => [problem.path, problem.message.split(":")[0]])).toEqual([["/packs", "selects llm without core"]]);
  });
});
