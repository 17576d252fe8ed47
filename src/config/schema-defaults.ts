/** A JSON Schema object node, as far as its defaults go. */
interface SchemaNode {
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
}

/**
 * The value ajv's `useDefaults` gives an object of `schema` written as `{}`: every property's
 * `default`, recursing into object properties. For opt-in blocks without an object default, so
 * their defaults are still written only in the schema.
 */
export function schemaDefaults(schema: SchemaNode): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (property.properties !== undefined && property.default !== undefined) result[key] = { ...schemaDefaults(property), ...(property.default as object) };
    else if (property.default !== undefined) result[key] = structuredClone(property.default);
  }
  return result;
}
