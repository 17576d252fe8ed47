import { readFileSync, realpathSync, statSync } from "node:fs";
import { relative, isAbsolute } from "node:path";
import { isScalar, LineCounter, parseDocument, visit, type Document } from "yaml";
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
  // The library's own duplicate-key check compares every key with every other (a 3 MB file took minutes); ours is linear.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  const problems: ConfigProblem[] = [...doc.errors, ...doc.warnings].map((error) => {
    const pos = lineCounter.linePos(error.pos[0]);
    return { file, path: "/", message: firstLine(error.message), line: pos.line, column: pos.col };
  });
  if (problems.length === 0) problems.push(...structureProblems(file, doc, lineCounter));
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

/** More keys and items than any configuration needs: a bound on the work one file can cause. */
export const MAX_NODES = 20_000;

/** Duplicate keys (a silently ignored one is how a budget ends up half its value) and too many nodes, in one linear pass. */
function structureProblems(file: string, doc: Document, lineCounter: LineCounter): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  let nodes = 0;
  visit(doc, {
    Map(_, map) {
      nodes += map.items.length;
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? `s:${String(pair.key.value)}` : `n:${String(pair.key)}`;
        if (seen.has(key)) {
          const range = (pair.key as { range?: [number, number, number] } | null)?.range;
          const pos = range ? lineCounter.linePos(range[0]) : undefined;
          problems.push({ file, path: "/", message: "Map keys must be unique", ...(pos ? { line: pos.line, column: pos.col } : {}) });
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
    Seq(_, seq) {
      nodes += seq.items.length;
    },
  });
  if (nodes > MAX_NODES) problems.push({ file, path: "/", message: `has ${nodes} keys and items, more than the ${MAX_NODES} a configuration file may hold` });
  return problems;
}

export const MAX_ALIAS_COUNT = 100;

/** Largest input file read: configuration files are a few KiB; a bound on memory and parse time. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Reads a YAML input file (see `readInputFile`). */
export function readYamlFile(file: string, displayName: string = file, within?: string): YamlFile {
  return parseYamlFile(displayName, readInputFile(file, displayName, within));
}

/**
 * The text of an input file, or a ConfigError naming it. A regular file only (a FIFO, socket or
 * device would block or never end), of at most `MAX_FILE_BYTES`, as strict UTF-8 (an invalid byte
 * is an error at its line and column, not a U+FFFD in a Grafana folder name). With `within`, a file
 * that resolves (through symlinks) outside that directory is refused: a link to /proc/self/environ
 * would be echoed into messages and logs.
 */
export function readInputFile(file: string, displayName: string = file, within?: string): string {
  let bytes: Buffer;
  try {
    if (!statSync(file).isFile()) throw new ConfigError([{ file: displayName, path: "/", message: "is not a regular file" }]);
    if (within !== undefined && !isInside(realpathSync(within), realpathSync(file))) {
      throw new ConfigError([{ file: displayName, path: "/", message: "is a symbolic link to a file outside the project; copy the file into the project instead" }]);
    }
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) throw new ConfigError([{ file: displayName, path: "/", message: `is ${size} bytes, more than the ${MAX_FILE_BYTES} a configuration file may have` }]);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([{ file: displayName, path: "/", message: `cannot read file: ${(error as Error).message}` }]);
  }
  return decodeUtf8(displayName, bytes);
}

function isInside(directory: string, path: string): boolean {
  const rel = relative(directory, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

/** Strict UTF-8; the first invalid byte is reported at its line and column. */
export function decodeUtf8(file: string, bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, offset));
    const line = before.split("\n").length;
    const column = [...before.slice(before.lastIndexOf("\n") + 1)].length + 1;
    return throwInvalid(file, line, column, bytes[offset] ?? 0);
  }
}

function throwInvalid(file: string, line: number, column: number, byte: number): never {
  throw new ConfigError([{ file, path: "/", message: `is not valid UTF-8: byte 0x${byte.toString(16).padStart(2, "0")} cannot start or continue a character`, line, column }]);
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629: no overlongs, surrogates or code points above U+10FFFF). */
function firstInvalidUtf8(bytes: Buffer): number {
  const valid = new TextDecoder("utf-8", { fatal: true });
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] as number;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    try {
      valid.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
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
