import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GENERATED_VALIDATORS, validatorsModuleSource } from "../../src/generate/validators.js";
import { environmentSchema } from "../../src/config/environment-schema.js";
import { repositoryRoot } from "../../src/config/project-paths.js";
import type { ValidateFunction } from "ajv";
import validators from "../../src/config/generated/validators.cjs";
import { configAjv, validateAgainst } from "../../src/config/validate.js";
import { parseYamlFile } from "../../src/config/yaml-file.js";

describe("precompiled input validators", () => {
  it.each(GENERATED_VALIDATORS.map((generated) => [generated.file, generated] as const))(
    "GIVEN the committed %s THEN it is exactly what npm run validators writes for today's schemas",
    (file, generated) => {
      expect(readFileSync(join(repositoryRoot, file), "utf8"), "run npm run validators and commit the result").toBe(validatorsModuleSource(generated));
    },
  );

  it.each([
    ["a valid environment", "scrapeInterval: 30s\nregion: eu-west-1\n"],
    ["a duration below its range", "scrapeInterval: 500ms\n"],
    ["a duration above its range", "scrapeInterval: 10m\n"],
    ["no duration at all", "scrapeInterval: soon\n"],
    ["an unknown key and a wrong type", "scrapeIntervall: 15s\nregion: 3\n"],
  ])("GIVEN %s THEN the precompiled validator reports exactly what compiling the schema reports, and fills the same defaults", (_name, yaml) => {
    const precompiledData = parseYamlFile("stacks/x.yaml", yaml).data;
    const compiledData = parseYamlFile("stacks/x.yaml", yaml).data;
    const precompiled = (validators as Record<string, ValidateFunction>)[environmentSchema.$id];
    const compiled = configAjv().compile(environmentSchema);
    expect(precompiled).toBeTypeOf("function");
    expect(precompiled?.(precompiledData)).toBe(compiled(compiledData));
    expect(precompiled?.errors ?? null).toEqual(compiled.errors ?? null);
    expect(precompiledData).toEqual(compiledData);
  });

  it("GIVEN a scrape interval outside its range THEN the message names the range", () => {
    const problems = validateAgainst(environmentSchema, parseYamlFile("stacks/x.yaml", "scrapeInterval: 10m\n"));
    expect(problems).toContainEqual(expect.objectContaining({ path: "/scrapeInterval", message: "must be a duration from 1s to 5m", value: "10m" }));
  });
});
