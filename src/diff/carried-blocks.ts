import { createHash } from "node:crypto";

/** Placeholder of a block that carries a dashboard or rule file; the hash still tells a changed block from an unchanged one. */
const CARRIED = "nfops-diff-carried:";

/**
 * Replaces the YAML block scalars (`key: |` and the lines under it) that carry a dashboard (JSON
 * with a uid) or a rule file (`groups:`) by a one-line placeholder before the object is parsed.
 * Those blocks are most of the bytes of a changed ConfigMap, the Dashboards and Rules sections
 * show their changes, and parsing them as YAML was most of the time of a diff.
 */
export function foldCarriedBlocks(text: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const header = /^(\s*)(\S.*?): [|>][-+]?[0-9]?$/.exec(line);
    if (!header) {
      out.push(line);
      continue;
    }
    const indent = header[1]!.length;
    let end = index + 1;
    while (end < lines.length && (lines[end]!.trim() === "" || lines[end]!.length - lines[end]!.trimStart().length > indent)) end++;
    const block = lines.slice(index + 1, end);
    const first = block.find((l) => l.trim() !== "")?.trim() ?? "";
    if (first === "groups:" || (first === "{" && block.some((l) => l.trimStart().startsWith('"uid":')))) {
      out.push(`${header[1]}${header[2]}: ${CARRIED}${createHash("sha1").update(block.join("\n")).digest("hex")}`);
      index = end - 1;
    } else out.push(line);
  }
  return out.join("\n");
}

export const isCarriedPlaceholder = (value: unknown) => typeof value === "string" && value.startsWith(CARRIED);
