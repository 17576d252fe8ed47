import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { environmentSchema } from "../../src/config/environment-schema.js";
import { repositoryRoot } from "../../src/config/project-paths.js";

interface SchemaNode {
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
}

/** Every setting with a default, by dotted path (`gpu.temperatureCelsius`). */
function schemaDefaults(node: SchemaNode, prefix = ""): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child.default !== undefined && child.properties === undefined) found.set(path, child.default);
    for (const [p, d] of schemaDefaults(child, path)) found.set(p, d);
  }
  return found;
}

const UNIT_WORDS: Readonly<Record<string, string>> = { s: "s", m: "minutes", h: "hours", d: "days", w: "weeks" };

/**
 * Whether `text` (what follows "(default ") states `value`: `85 °C` for 85, `20 %` for 20 or for
 * the ratio 0.2, `` `1h` `` or `30 minutes` for "30m", `13, 31, 43` for a list.
 */
function states(value: unknown, text: string): boolean {
  if (Array.isArray(value)) return text.startsWith(value.join(", "));
  if (typeof value === "number") {
    const match = /^(\d+(?:\.\d+)?)( ?%)?/.exec(text);
    if (match === null) return false;
    const number = Number(match[1]);
    return number === value || (match[2] !== undefined && Math.abs(number - value * 100) < 1e-9);
  }
  if (typeof value !== "string") return text.startsWith(String(value));
  const duration = /^(\d+)([smhdw])$/.exec(value);
  const forms = [`\`${value}\``, value, ...(duration ? [`${duration[1]} ${UNIT_WORDS[duration[2]!]}`] : [])];
  return forms.some((form) => text.startsWith(form) && !/^[\w.]/.test(text.slice(form.length)));
}

/** Settings with a default worth stating (not an empty list or map). */
const DEFAULTS = new Map([...schemaDefaults(environmentSchema as unknown as SchemaNode)].filter(([, value]) => typeof value !== "object" || (Array.isArray(value) && value.length > 0)));
const RUNBOOKS = join(repositoryRoot, "docs/runbooks");

/**
 * Each "(default …)" of a runbook whose nearest backticked name before it (in the same sentence)
 * is a setting: the runbook, the setting, and what it states.
 */
function statedDefaults(): Array<{ runbook: string; setting: string; stated: string }> {
  return readdirSync(RUNBOOKS)
    .filter((f) => f.endsWith(".md") && f !== "README.md")
    .flatMap((runbook) => {
      const text = readFileSync(join(RUNBOOKS, runbook), "utf8").replace(/\s+/g, " ");
      return [...text.matchAll(/\(default ([^)]*)\)/g)].flatMap((match) => {
        const before = text.slice(Math.max(0, match.index - 200), match.index).split(/\. /).at(-1) ?? "";
        const names = [...before.matchAll(/`([A-Za-z][\w.[\]]*)`/g)].map((m) => m[1]!.replace(/^settings\./, ""));
        const setting = names.reverse().find((name) => DEFAULTS.has(name));
        return setting === undefined ? [] : [{ runbook, setting, stated: match[1]! }];
      });
    });
}

describe("defaults stated in runbooks", () => {
  const stated = statedDefaults();

  it("GIVEN the runbooks THEN they state the defaults of many settings (so the check below reads them)", () => {
    expect(stated.length).toBeGreaterThanOrEqual(30);
  });

  it("GIVEN each default a runbook states for a setting THEN it is the schema's default", () => {
    const wrong = stated
      .filter(({ setting, stated: text }) => !states(DEFAULTS.get(setting), text))
      .map(({ runbook, setting, stated: text }) => `${runbook}: ${setting} (default ${text}) but the schema says ${JSON.stringify(DEFAULTS.get(setting))}`);
    expect(wrong).toEqual([]);
  });
});
