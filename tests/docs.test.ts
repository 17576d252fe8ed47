import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "../src/config/project-paths.js";
import { generatedDocs } from "../src/docs/generated-docs.js";
import { withSection } from "../src/docs/generated-section.js";

const read = (file: string) => readFileSync(join(repositoryRoot, file), "utf8");

describe("generated documentation", () => {
  it.each(generatedDocs(read).map((d) => [d.file, d.text] as const))("GIVEN %s THEN its generated sections are current (npm run docs)", (file, text) => {
    expect(read(file)).toBe(text);
  });

  it("GIVEN a file without a section's markers WHEN generated THEN the error names the file and the markers", () => {
    expect(() => withSection("README.md", "no markers here", "packs", "x")).toThrow(/README\.md lacks the packs markers/);
  });

  it("GIVEN a fresh machine THEN the README opens with the install-and-synth and the test commands", () => {
    const firstBlock = read("README.md").split("```")[1] ?? "";
    expect(firstBlock).toContain("npm ci && npm run synth");
    expect(firstBlock).toContain("npm test");
  });
});
