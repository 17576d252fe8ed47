import { stringify } from "yaml";

/**
 * Serialisation used for every generated file. Plain block YAML, no line folding and no anchors,
 * so that a change to one value is a one-line diff.
 */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false, indentSeq: true });
}

/** Pretty JSON with two-space indent and a trailing newline. Key order is the caller's. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
