import { environmentSchema } from "../config/environment-schema.js";
import { markdownTable } from "./generated-section.js";

interface SchemaNode {
  readonly type?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly properties?: Record<string, SchemaNode>;
}

/**
 * The README's configuration reference, generated from the environment schema so that the
 * documented fields and defaults are the ones the loader applies (a test keeps the README in sync).
 */
export function configurationReference(): string {
  const rows = flatten(environmentSchema as unknown as SchemaNode, "").map(([path, node]) => {
    const type = node.enum ? node.enum.map((v) => `\`${String(v)}\``).join(" | ") : (node.type ?? "map");
    const def = node.properties ? "" : node.default === undefined ? "" : `\`${JSON.stringify(node.default)}\``;
    return [`\`${path}\``, type, def, node.description ?? ""];
  });
  return markdownTable(["field", "type", "default", "description"], rows);
}

function flatten(node: SchemaNode, prefix: string): Array<[string, SchemaNode]> {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [[path, child] as [string, SchemaNode], ...flatten(child, path)];
  });
}
