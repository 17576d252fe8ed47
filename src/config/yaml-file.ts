import { readFileSync, statSync } from "node:fs";
import { LineCounter, parseDocument, type Document } from "yaml";
import { ConfigError, type ConfigProblem } from "./errors.js";

/** A parsed YAML file that can point back at the line of any value inside it. */
export interface YamlFile {
  readonly file: string;
  readonly data: unknown;
  /** Line and column of the node at a JSON Pointer, or of its nearest existing parent. */
  locate(pointer: string): { line: number; column: number } | undefined;
}

/**
 * Parses YAML strictly: duplicated keys, syntax errors and anything but one document are errors
 * (a silently ignored duplicate key is how a budget ends up half its intended value).
 */
export function parseYamlFile(file: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const problems: ConfigProblem[] = [...doc.errors, ...doc.warnings].map((error) => {
    const pos = lineCounter.linePos(error.pos[0]);
    return { file, path: "/", message: firstLine(error.message), line: pos.line, column: pos.col };
  });
  if (problems.length > 0) throw new ConfigError(problems);
  let data: unknown;
  try {
    // Aliases expanding into more nodes than this are a resource-exhaustion attack ("billion laughs").
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    throw new ConfigError([{ file, path: "/", message: `cannot be expanded: ${firstLine((error as Error).message)}` }]);
  }
  return { file, data, locate: (pointer) => locate(doc, lineCounter, pointer) };
}

export const MAX_ALIAS_COUNT = 100;

/** Reads a regular file only: a FIFO, socket or device would block or never end. */
export function readYamlFile(file: string, displayName: string = file): YamlFile {
  return parseYamlFile(displayName, readInputFile(file, displayName));
}

/** The text of an input file, or a ConfigError naming it: a FIFO, socket or device would block or never end. */
export function readInputFile(file: string, displayName: string = file): string {
  try {
    if (!statSync(file).isFile()) throw new ConfigError([{ file: displayName, path: "/", message: "is not a regular file" }]);
    return readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([{ file: displayName, path: "/", message: `cannot read file: ${(error as Error).message}` }]);
  }
}

function locate(doc: Document, lineCounter: LineCounter, pointer: string) {
  return locateIn(doc, lineCounter, pointer.split("/").slice(1));
}

/** Line and column of the node at these JSON Pointer segments (escaped), or of its nearest existing parent. */
export function locateIn(doc: Document, lineCounter: LineCounter, escapedSegments: readonly string[]) {
  const segments = escapedSegments.map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  for (let depth = segments.length; depth >= 0; depth--) {
    const node = doc.getIn(segments.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === "object" && node.range) {
      const pos = lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
