import { parseAllDocuments } from "yaml";
import { DiffSourceError } from "./git-tree.js";
import type { OutputTree } from "./model.js";

/**
 * Every JSON and YAML file of a ref's `dist/` that the comparison will parse parses, or the error
 * names the ref and the file (and the parser's first line, never the file's content): a hand-edited
 * or truncated file in an old commit must not surface as a bare "Unexpected token" with no hint of
 * where it came from. A file with the same text on the other side is skipped: the comparison never
 * parses it, and parsing every file of both sides was most of the command's time.
 */
export function checkTree(tree: OutputTree, label: string, other: OutputTree): void {
  for (const [path, text] of tree) {
    if (other.get(path) === text) continue;
    let problem: string | undefined;
    if (path.endsWith(".json")) {
      try {
        JSON.parse(text);
      } catch (error) {
        // V8's message may quote the text; the position is enough.
        problem = `not valid JSON${/position \d+/.exec((error as Error).message)?.[0].replace(/^/, " at ") ?? ""}`;
      }
    } else if (path.endsWith(".yaml") || path.endsWith(".yml")) {
      problem = parseAllDocuments(text).flatMap((doc) => ("errors" in doc ? doc.errors : [])).map((error) => error.message)[0];
    }
    if (problem !== undefined) throw new DiffSourceError(`dist/${path} at ${label} cannot be read: ${problem.split("\n")[0]?.slice(0, 200)}`);
  }
}
