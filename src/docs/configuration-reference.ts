import { environmentSchema } from "../config/environment-schema.js";
import { markdownTable } from "./generated-section.js";

interface SchemaNode {
  readonly type?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly durationRange?: readonly [string, string];
  readonly properties?: Record<string, SchemaNode>;
  readonly items?: SchemaNode;
}

/**
 * The README's configuration reference, generated from the environment schema so that the
 * documented fields and defaults are the ones the loader applies (a test keeps the README in sync).
 */
export function configurationReference(): string {
  const rows = flatten(environmentSchema as unknown as SchemaNode, "").map(([path, node]) => {
    const type = node.enum ? node.enum.map((v) => `\`${String(v)}\``).join(" | ") : (node.type ?? "map");
    const def = node.properties ? "" : node.default === undefined ? "" : `\`${JSON.stringify(node.default)}\``;
    return [`\`${path}\``, type, def, limits(node), node.description ?? ""];
  });
  return markdownTable(["field", "type", "default", "limits", "description"], rows);
}

/** The bounds the loader enforces, in words: what the schema's range keywords say. */
function limits(node: SchemaNode): string {
  const parts: string[] = [];
  if (node.durationRange) parts.push(`${node.durationRange[0]} to ${node.durationRange[1]}`);
  if (node.minimum !== undefined) parts.push(`≥ ${node.minimum}`);
  if (node.exclusiveMinimum !== undefined) parts.push(`> ${node.exclusiveMinimum}`);
  if (node.maximum !== undefined) parts.push(`≤ ${node.maximum}`);
  if (node.exclusiveMaximum !== undefined) parts.push(`< ${node.exclusiveMaximum}`);
  if (node.minLength !== undefined && node.minLength > 0) parts.push(`at least ${node.minLength} character${node.minLength === 1 ? "" : "s"}`);
  if (node.maxLength !== undefined) parts.push(`at most ${node.maxLength} characters`);
  return parts.join(", ");
}

/** Every field, depth first; the fields of list items are shown as `list[].field`. */
function flatten(node: SchemaNode, prefix: string): Array<[string, SchemaNode]> {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [[path, child] as [string, SchemaNode], ...flatten(child, path), ...(child.items ? flatten(child.items, `${path}[]`) : [])];
  });
}
