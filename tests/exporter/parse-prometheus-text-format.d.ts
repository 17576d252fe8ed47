declare module "parse-prometheus-text-format" {
  export interface ParsedSample {
    readonly value: string;
    readonly labels?: Record<string, string>;
  }
  export interface ParsedFamily {
    readonly name: string;
    readonly help: string;
    readonly type: string;
    readonly metrics: readonly ParsedSample[];
  }
  export default function parsePrometheusTextFormat(text: string): ParsedFamily[];
}
