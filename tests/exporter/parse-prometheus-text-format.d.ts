declare module "parse-prometheus-text-format" {
  export interface ParsedSample {
    readonly value: string;
    readonly labels?: Record<string, string>;
    /** Histograms: cumulative count per upper bound; histograms and summaries: sum and count. */
    readonly buckets?: Record<string, string>;
    readonly quantiles?: Record<string, string>;
    readonly sum?: string;
    readonly count?: string;
  }
  export interface ParsedFamily {
    readonly name: string;
    readonly help: string;
    readonly type: string;
    readonly metrics: readonly ParsedSample[];
  }
  export default function parsePrometheusTextFormat(text: string): ParsedFamily[];
}
