import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { OutputTree } from "./model.js";

/** Every file under a directory with its text, by forward-slash path relative to it. */
export function readTree(directory: string): OutputTree {
  const tree = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(directory, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) tree.set(path, readFileSync(join(directory, path), "utf8"));
    }
  };
  walk("");
  return tree;
}
