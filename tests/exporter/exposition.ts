import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";

/** A parsed exposition with lookups by name and exact label set. */
export interface Exposition {
  readonly families: readonly ParsedFamily[];
  /** TYPE of a family, or undefined when absent. */
  type(name: string): string | undefined;
  /** Every sample of a family as `{labels, value}`. */
  samples(name: string): Array<{ labels: Record<string, string>; value: number }>;
  /** The value of the one sample whose labels equal `labels` exactly; throws when there is not exactly one. */
  value(name: string, labels?: Record<string, string>): number;
}

/** Parses Prometheus text exposition with a third-party parser (not our own code under test). */
export function parseExposition(text: string): Exposition {
  const families = parsePrometheusTextFormat(text);
  const family = (name: string) => families.find((f) => f.name === name);
  // Every family of the name: without TYPE lines the parser starts a new one whenever the name changes.
  const samples = (name: string) => families.filter((f) => f.name === name).flatMap((f) => f.metrics).map((m) => ({ labels: { ...(m.labels ?? {}) }, value: Number(m.value) }));
  return {
    families,
    type: (name) => family(name)?.type,
    samples,
    value(name, labels = {}) {
      const wanted = JSON.stringify(Object.entries(labels).sort());
      const found = samples(name).filter((s) => JSON.stringify(Object.entries(s.labels).sort()) === wanted);
      if (found.length !== 1) throw new Error(`${name}${JSON.stringify(labels)}: ${found.length} matching samples in\n${text}`);
      return found[0]!.value;
    },
  };
}

/**
 * Every sample line under its own name (`x_bucket`, `x_sum`, `x_count`, with `le` or `quantile` as
 * a label): the parser merges the series of a labelled histogram or summary into one and drops their
 * labels, so those are read with the TYPE lines left out.
 */
export function parseSampleLines(text: string): Exposition {
  return parseExposition(text.replace(/^# (HELP|TYPE) .*\n/gm, ""));
}
