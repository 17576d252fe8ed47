import { existsSync, readFileSync } from "node:fs";
import { isMap, isSeq, parseDocument, YAMLSeq } from "yaml";
import { writeFileAtomic } from "../collect/write-file-atomic.js";
import { ConfigError } from "../config/errors.js";
import type { SloEntry } from "./nfops-slo.js";

/**
 * Puts imported entries into a stacks file's `slos`, keeping its comments and other settings: an
 * entry of the same name is replaced in place, a new one appended. The file is replaced in one
 * rename, so a reader never sees half of it.
 */
export function writeIntoStacks(file: string, entries: readonly SloEntry[]): void {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const doc = parseDocument(text, { uniqueKeys: true, strict: true });
  if (doc.errors.length > 0) throw new ConfigError([{ file, path: "/", message: `is not valid YAML: ${doc.errors[0]?.message.split("\n")[0] ?? ""}` }]);
  if (doc.contents === null) doc.contents = doc.createNode({}) as never;
  if (!isMap(doc.contents)) throw new ConfigError([{ file, path: "/", message: "is not a mapping of settings" }]);
  const existing = doc.get("slos", true);
  if (existing !== undefined && !isSeq(existing)) throw new ConfigError([{ file, path: "/slos", message: "is not a list" }]);
  const slos = (existing as YAMLSeq | undefined) ?? new YAMLSeq();
  for (const entry of entries) {
    const node = doc.createNode(entry);
    const index = slos.items.findIndex((item) => isMap(item) && item.get("name") === entry.name);
    if (index >= 0) slos.items[index] = node;
    else slos.items.push(node);
  }
  if (existing === undefined) doc.set("slos", slos);
  writeFileAtomic(file, doc.toString({ lineWidth: 0 }));
}
