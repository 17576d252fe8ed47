import { LineCounter, parseAllDocuments } from "yaml";
import { ConfigError } from "../config/errors.js";
import { locateIn, MAX_ALIAS_COUNT, readInputFile, type YamlFile } from "../config/yaml-file.js";

/**
 * An OpenSLO file: YAML documents separated by `---`, read as one array so that a JSON Pointer
 * `/<document>/spec/…` names any value, and `locate` finds its line in the file.
 */
export function readOpenSloFile(file: string, displayName: string = file): YamlFile {
  return parseOpenSlo(displayName, readInputFile(file, displayName));
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
      return locateIn(doc, lineCounter, rest);
    },
  };
}
