/**
 * A minimal Prometheus relabelling (replace, keep, drop, keepequal, labeldrop) with anchored regexes,
 * to run the generated `relabel_configs` on discovery labels (and `alert_relabel_configs` on alerts) in tests. RE2 (Prometheus) and JavaScript
 * agree on the constructs the configuration uses. Undefined when the target is dropped.
 */
export function relabel(input: Record<string, string>, configs: readonly Record<string, unknown>[]): Record<string, string> | undefined {
  const labels = { ...input };
  for (const c of configs) {
    const value = ((c.source_labels as string[] | undefined) ?? []).map((l) => labels[l] ?? "").join((c.separator as string | undefined) ?? ";");
    const action = (c.action as string | undefined) ?? "replace";
    if (action === "keepequal") {
      if (value !== labels[c.target_label as string]) return undefined;
      continue;
    }
    if (action === "labeldrop") {
      const name = new RegExp(`^(?:${c.regex as string})$`);
      for (const key of Object.keys(labels)) if (name.test(key)) delete labels[key];
      continue;
    }
    const match = new RegExp(`^(?:${(c.regex as string | undefined) ?? "(.*)"})$`).exec(value);
    if (action === "keep" && !match) return undefined;
    if (action === "drop" && match) return undefined;
    if (action === "replace" && match) {
      labels[c.target_label as string] = ((c.replacement as string | undefined) ?? "$1").replace(/\$(\d)/g, (_, i: string) => match[Number(i)] ?? "");
    }
  }
  return labels;
}
