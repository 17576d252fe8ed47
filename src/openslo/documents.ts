import { readFileSync, statSync } from "node:fs";
import { LineCounter, parseAllDocuments } from "yaml";
import { ConfigError } from "../config/errors.js";
import type { YamlFile } from "../config/yaml-file.js";

/** Aliases expanding into more nodes than this are a resource-exhaustion attack, as in the stacks files. */
const MAX_ALIAS_COUNT = 100;

/**
 * An OpenSLO file: YAML documents separated by `---`, read as one array so that a JSON Pointer
 * `/<document>/spec/…` names any value, and `locate` finds its line in the file.
 */
export function readOpenSloFile(file: string, displayName: string = file): YamlFile {
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new ConfigError([{ file: displayName, path: "/", message: "is not a regular file" }]);
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([{ file: displayName, path: "/", message: `cannot read file: ${(error as Error).message}` }]);
  }
  return parseOpenSlo(displayName, text);
}

export function parseOpenSlo(file: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const list = Array.isArray(docs) ? docs : [];
  const problems = list.flatMap((doc, index) =>
    [...doc.errors, ...doc.warnings].map((error) => {
      const pos = lineCounter.linePos(error.pos[0]);
      return { file, path: `/${index}`, message: error.message.split("\n")[0] ?? "is not valid YAML", line: pos.line, column: pos.col };
    }),
  );
  if (problems.length > 0) throw new ConfigError(problems);
  let data: unknown[];
  try {
    // An empty document (a trailing `---`) is no document.
    data = list.map((doc) => doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown).filter((value) => value !== null && value !== undefined);
  } catch (error) {
    throw new ConfigError([{ file, path: "/", message: `cannot be expanded: ${(error as Error).message.split("\n")[0]}` }]);
  }
  const nonEmpty = list.filter((doc) => doc.contents !== null);
  return {
    file,
    data,
    locate(pointer) {
      const [, index = "", ...rest] = pointer.split("/");
      const doc = nonEmpty[Number(index)];
      if (!doc) return undefined;
      const segments = rest.map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
      for (let depth = segments.length; depth >= 0; depth--) {
        const node = doc.getIn(segments.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
        if (node && typeof node === "object" && node.range) {
          const pos = lineCounter.linePos(node.range[0]);
          return { line: pos.line, column: pos.col };
        }
      }
      return undefined;
    },
  };
}
