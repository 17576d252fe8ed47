import { PrometheusClient } from "../../report/prometheus-client.js";
import { buildReport } from "../../report/report.js";
import { renderJson } from "../../report/render-json.js";
import { renderMarkdown } from "../../report/render-markdown.js";
import { choiceOption, parseOptions, type Command } from "../command.js";
import { prometheusUrl, timeoutSeconds } from "../prometheus-options.js";
import { UsageError } from "../usage-error.js";

const DEFAULT_DAYS = 7;
const DEFAULT_TIMEOUT_SECONDS = 30;
const RENDERERS = { markdown: renderMarkdown, json: renderJson } as const;
type Format = keyof typeof RENDERERS;
const FORMATS = Object.keys(RENDERERS) as Format[];

const usage = `Usage: nfops report --prometheus URL [--days N] [--format ${FORMATS.join("|")}] [--timeout SECONDS] [--time TIME]

A report for people who do not open Grafana, read from the Prometheus HTTP API:
  - cost (USD), CO2 (kg) and GPU-hours by namespace and GPU model (core pack);
  - LLM calls, prompt and completion tokens, cost, average inference time and success rate
    by provider and model (llm pack);
  - error budget remaining per SLO and SLI.
A section whose metrics have no series (its pack is not enabled) says "no data" and names them.

  --prometheus   base URL of Prometheus (http or https), e.g. http://prometheus:9090
  --days         window of the cost and LLM figures, in whole days ending at TIME (default ${DEFAULT_DAYS})
  --format       markdown (default) or json
  --timeout      seconds one query may take before the report fails (default ${DEFAULT_TIMEOUT_SECONDS})
  --time         report at this instant instead of now: RFC 3339 (2025-06-02T00:00:00Z) or Unix seconds`;

export const reportCommand: Command = {
  usage,
  async run(argv) {
    const options = parseOptions(argv, {
      prometheus: { type: "string" },
      days: { type: "string" },
      format: { type: "string" },
      timeout: { type: "string" },
      time: { type: "string" },
    });
    if (options.help) {
      console.log(usage);
      return 0;
    }
    const client = new PrometheusClient({ baseUrl: prometheusUrl(options.prometheus), timeoutMs: timeoutSeconds(options.timeout, DEFAULT_TIMEOUT_SECONDS) * 1000 });
    const render = RENDERERS[choiceOption("format", options.format, FORMATS)];
    const reportOptions = { days: days(options.days), time: instant(options.time) };
    process.stdout.write(render(await buildReport(client, reportOptions)));
    return 0;
  },
};

function days(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_DAYS;
  const value = Number(raw);
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) throw new UsageError(`--days must be a whole number of days, 1 or more (value: ${JSON.stringify(raw)})`);
  return value;
}

/** RFC 3339 with a zone, or Unix seconds, as Prometheus' own `time` parameter takes them. */
function instant(raw: string | undefined): Date {
  if (raw === undefined) return new Date();
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
  const date = /^\d+(\.\d+)?$/.test(raw) ? new Date(Number(raw) * 1000) : rfc3339.test(raw) ? new Date(raw) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) throw new UsageError(`--time must be RFC 3339 (2025-06-02T00:00:00Z) or Unix seconds (value: ${JSON.stringify(raw)})`);
  return date;
}
