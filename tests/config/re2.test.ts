import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { matchesEmptyString, re2Problem } from "../../src/config/re2.js";

/** Patterns around every construct RE2 and JavaScript read apart; amtool 0.25 (Go's RE2) decides each. */
const PATTERNS = [
  "ml-.*", "llm[^]", "llm[]", "ml-.*|", "(?=a)b", "(?!a)b", "(?<=a)b", "(?<n>a)", "(a)\\1", "a{1001}", "a{1000}", "a**", "[a-z]+", "[z-a]", "(a", "a)",
  "^ml$", "\\d+", "(?:ml|ai)-.*", "a{2,}", "a{,2}", "x|y|", "\\.", "\\k<a>", "\\u0041", "[a\\]]", "*a", "a|*", "()", "a{2}{3}", "[^a]", ".*", "a*?", "$^",
];
/** RE2 compiles these, but JavaScript reads them otherwise (POSIX classes, \p, \Q…\E, inline flags, a leading ] in a class): refused on purpose. */
const READ_APART = ["[[:alpha:]]", "\\p{L}", "\\Qa\\E", "(?i)ml", "[]a]"];

describe("re2Problem", () => {
  const dir = mkdtempSync(join(tmpdir(), "re2-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("GIVEN patterns as Alertmanager matchers WHEN amtool 0.25 compiles them THEN every pattern it refuses is refused, and every pattern accepted compiles there", () => {
    const all = [...PATTERNS, ...READ_APART];
    const files = all.map((pattern, i) => {
      const file = join(dir, `am-${i}.yml`);
      writeFileSync(file, JSON.stringify({ route: { receiver: "n", routes: [{ receiver: "n", matchers: [`namespace=~${JSON.stringify(pattern)}`] }] }, receivers: [{ name: "n" }] }));
      return file;
    });
    const verdicts = all.map((pattern, i) => ({ pattern, amtool: spawnSync("amtool", ["check-config", files[i] as string]).status === 0, ours: re2Problem(pattern) === undefined }));
    expect(verdicts.filter((v) => !v.amtool).length).toBeGreaterThan(10);
    expect(verdicts.filter((v) => v.ours && !v.amtool)).toEqual([]);
    expect(verdicts.filter((v) => !v.ours && v.amtool).map((v) => v.pattern)).toEqual(READ_APART);
  });

  it("GIVEN JavaScript-only syntax THEN the reason says what RE2 lacks", () => {
    expect(re2Problem("llm[^]")).toContain("class starting with ]");
    expect(re2Problem("(?=a)b")).toBe("uses a lookaround assertion, which RE2 does not support");
    expect(re2Problem("(a)\\1")).toContain("uses the escape \\1");
    expect(re2Problem("a{1001}")).toBe("repeats more than 1000 times, which RE2 refuses");
  });

  it("GIVEN anchored patterns THEN those matching the empty string are told apart", () => {
    expect(["ml-.*|", ".*", "()", "a*?", "x|y|"].filter(matchesEmptyString)).toHaveLength(5);
    expect(["ml-.*", "^ml$", "[a-z]+"].filter(matchesEmptyString)).toEqual([]);
  });
});
