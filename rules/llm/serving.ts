import {
  SECONDS_PER_UNIT,
  SERVING_SERVERS,
  type ServedCounter,
  type ServedGauge,
  type ServedHistogram,
  type ServedUnit,
  type ServingServer,
} from "../../src/catalog/serving-servers.js";
import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import type { Rule } from "../../src/model/artifacts.js";
import { orZeroLike } from "../../src/promql/expressions.js";
import { record } from "../../src/promql/rule-builders.js";
import { rateWindow } from "../../src/promql/windows.js";
import { allRequests } from "../core/slo-sources.js";
import { LLM_QUANTILES, LLM_RECORD } from "./catalog.js";

const S = LLM_RECORD.serving;
const BY = "namespace, service, model";

/** A histogram's base name or a counter's name with its matcher: `name{matcher}`. */
function selector(name: string, matcher?: string): string {
  return matcher ? `${name}{${matcher}}` : name;
}

/** ` * 0.001` for a millisecond histogram, nothing for seconds. */
function toSeconds(unit: ServedUnit): string {
  const factor = SECONDS_PER_UNIT[unit];
  return factor === 1 ? "" : ` * ${factor}`;
}

/**
 * The self-hosted half of the semantic layer: each server's native series, in its own names and
 * label shapes (`src/catalog/serving-servers.ts`), mapped onto one set of series per
 * `namespace, service, model`, labelled `server`. The model is vLLM's `model_name`, Triton's `model`,
 * and for TGI, which serves one model per server and has no model label, the service's name.
 */
export function servingRules(settings: EnvironmentSettings): Rule[] {
  return Object.values(SERVING_SERVERS).flatMap((server) => serverRules(server, rateWindow(settings)));
}

/**
 * Per model, the 5xx answers of a server's HTTP front end that never reached its engine (vLLM: the
 * API server answers 5xx while the engine is dead or overloaded, and the engine's
 * `vllm:request_success_total` never sees them). The HTTP counter has no model label, so per
 * service: its 5xx less the engine's own failures (a non-streamed engine error is also a 500), at
 * least 0, split evenly between the service's models.
 */
function failuresBeforeEngine(
  serverErrors: ServedCounter,
  engineFailures: ServedCounter,
  engineRequests: ServedCounter,
  w: string,
  withModel: (vector: string) => string,
): string {
  const perService = (counter: ServedCounter) => `sum by (namespace, service) (rate(${selector(counter.name, counter.matcher)}[${w}]))`;
  const http5xx = perService(serverErrors);
  const beforeEngine = `clamp_min(${http5xx} - ${orZeroLike(perService(engineFailures), http5xx)}, 0)`;
  const models = `group by (${BY}) (${withModel(selector(engineRequests.name, engineRequests.matcher))})`;
  return `${models} * on (namespace, service) group_left () (${beforeEngine} / count by (namespace, service) (${models}))`;
}

function serverRules(server: ServingServer, w: string): Rule[] {
  const labels = { server: server.name };
  // Put the model name in `model` before aggregating, so that `sum by (namespace, service, model)` keeps it.
  const withModel = (vector: string) =>
    server.modelLabel === "model"
      ? vector
      : `label_replace(${vector}, "model", "$1", "${server.modelLabel ?? "service"}", "(.*)")`;
  const perModel = (vector: string, extraBy = "") => `sum by (${extraBy}${BY}) (${withModel(vector)})`;
  const rate = (counter: Pick<ServedCounter, "name" | "matcher">) => perModel(`rate(${selector(counter.name, counter.matcher)}[${w}])`);
  const gauge = (g: ServedGauge, name = g.name) => withModel(selector(name, g.matcher));

  const rules: Rule[] = [];
  const add = (name: string, expr: string, extra: Record<string, string> = {}) => rules.push(record(name, expr, { ...labels, ...extra }));

  const beforeEngine = server.httpRequests && server.failures ? failuresBeforeEngine(server.httpRequests.serverErrors, server.failures, server.requests, w, withModel) : undefined;
  const plusBeforeEngine = (perModelRate: string) => (beforeEngine ? `${perModelRate}\n+\n${orZeroLike(beforeEngine, perModelRate)}` : perModelRate);
  add(S.requests, plusBeforeEngine(allRequests(server, rate)));
  if (server.failures) add(S.errors, plusBeforeEngine(rate(server.failures)));

  for (const [kind, tokens] of [["prompt", server.promptTokens], ["completion", server.completionTokens]] as const) {
    if (!tokens) continue;
    // A token histogram (TGI) counts tokens in its `_sum`.
    const counter = "buckets" in tokens ? { name: `${tokens.name}_sum` } : tokens;
    add(S.tokens, rate(counter), { kind });
  }

  const quantiles = (names: Readonly<Record<number, string>>, histograms: readonly ServedHistogram[]) => {
    const buckets = histograms.map((h) => perModel(`rate(${h.name}_bucket[${w}])`, "le, ")).join("\nor\n");
    const unit = histograms[0]!.unit;
    for (const q of LLM_QUANTILES) add(names[q]!, `histogram_quantile(${q}, ${histograms.length > 1 ? `(${buckets})` : buckets})${toSeconds(unit)}`);
  };
  // vLLM 0.11 emits the inter-token histogram under both names: the current one wins, per model.
  const withFormerName = (h: ServedHistogram): ServedHistogram[] => [h, ...(h.formerName ? [{ ...h, name: h.formerName }] : [])];

  if (server.timeToFirstToken) quantiles(S.timeToFirstToken.quantiles, [server.timeToFirstToken]);
  if (server.interTokenLatency) quantiles(S.interTokenLatency.quantiles, withFormerName(server.interTokenLatency));
  if (server.latency) {
    quantiles(S.requestDuration.quantiles, [server.latency]);
    const { name, unit } = server.latency;
    add(S.requestDuration.mean, `${perModel(`rate(${name}_sum[${w}])`)}\n/\n${perModel(`rate(${name}_count[${w}])`)}${toSeconds(unit)}`);
  } else if (server.latencyTotal) {
    // Triton keeps a running total of successful requests' durations, not a distribution: a mean only.
    const { name, unit, countedBy } = server.latencyTotal;
    add(S.requestDuration.mean, `${perModel(`rate(${name}[${w}])`)}\n/\n${perModel(`rate(${countedBy}[${w}])`)}${toSeconds(unit)}`);
  }
  if (server.waitingRequests) add(S.waiting, perModel(server.waitingRequests.name));
  if (server.runningRequests) add(S.running, `sum by (${BY}) (${gauge(server.runningRequests)})`);
  if (server.kvCacheUsage) {
    // The fullest engine is the one that preempts first. The current name wins where both are exposed.
    const { formerName } = server.kvCacheUsage;
    const fullest = (name?: string) => `max by (${BY}) (${gauge(server.kvCacheUsage!, name)})`;
    add(S.kvCacheUsage, formerName ? `${fullest()}\nor\n${fullest(formerName)}` : fullest());
  }
  if (server.preemptions) add(S.preemptions, rate(server.preemptions));
  return rules;
}
