/**
 * Canonical JSON, the exact bytes the audit hash is computed over (see docs/audit.md):
 * object keys sorted by UTF-16 code units (JavaScript's default sort), no whitespace, strings and
 * numbers as `JSON.stringify` writes them. This is the serialisation of RFC 8785 (JCS), so any
 * language with a JCS library can recompute a hash.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    const members = Object.keys(object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
    return `{${members.join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new TypeError(`canonical JSON has no representation for ${value}`);
  }
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`canonical JSON has no representation for ${typeof value}`);
  return text;
}
