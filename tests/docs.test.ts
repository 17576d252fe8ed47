import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "../src/config/project-paths.js";
import { withConfigurationReference } from "../src/docs/configuration-reference.js";

describe("README", () => {
  const readme = readFileSync(join(repositoryRoot, "README.md"), "utf8");

  it("GIVEN the environment schema THEN the README's configuration reference is current (npm run docs)", () => {
    expect(readme).toBe(withConfigurationReference(readme));
  });

  it("GIVEN a fresh machine THEN the README opens with the install-and-synth and the test commands", () => {
    const firstBlock = readme.split("```")[1] ?? "";
    expect(firstBlock).toContain("npm ci && npm run synth");
    expect(firstBlock).toContain("npm test");
  });
});
