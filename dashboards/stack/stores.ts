import { jobSelector } from "../../rules/core/selectors.js";
import { STACK_METRIC as M } from "../../rules/stack/catalog.js";
import type { ComponentKey, StackPlan } from "../../src/model/stack-model.js";
import { prometheusQuery, rateOf, series, timeseries, upperLimit, UNIT, type DashboardRow } from "../common.js";

/** Share of a server's requests that failed, by the given labels, over Grafana's rate interval. */
function failingShare(by: string, errors: string, all: string): string {
  return `sum by (${by}) (${rateOf(errors)}) / sum by (${by}) (${rateOf(all)})`;
}

/** A row per deployed store and Grafana: errors and what they refused, the same signals as their alerts. */
export function storesRows(stack: StackPlan): DashboardRow[] {
  const job = (key: ComponentKey) => jobSelector(stack, key);
  const rows: DashboardRow[] = [];
  if (stack.isDeployed("thanosQuery") || stack.isDeployed("thanosStore") || stack.isDeployed("thanosCompactor")) {
    const panels = [];
    if (stack.isDeployed("thanosQuery")) {
      panels.push(
        timeseries({
          title: "Query fan-out errors",
          description: "Share of Thanos Query's calls to sidecars and Store Gateways that failed (ThanosQueryFanOutErrors at 5 %).",
          unit: UNIT.ratio,
          targets: [prometheusQuery(failingShare("job", series(M.grpcClientHandled, job("thanosQuery"), 'grpc_code!="OK"'), series(M.grpcClientStarted, job("thanosQuery"))), "{{job}}")],
          thresholds: upperLimit(0.05),
          min: 0,
          width: 8,
          height: 8,
        }),
      );
    }
    if (stack.isDeployed("thanosStore")) {
      panels.push(
        timeseries({
          title: "Store Gateway bucket errors",
          description: "Share of the Store Gateway's bucket operations that failed, by operation (ThanosStoreGatewayErrors at 5 %).",
          unit: UNIT.ratio,
          targets: [prometheusQuery(failingShare("operation", series(M.objstoreOperationFailures, job("thanosStore")), series(M.objstoreOperations, job("thanosStore"))), "{{operation}}")],
          thresholds: upperLimit(0.05),
          min: 0,
          width: 8,
          height: 8,
        }),
      );
    }
    if (stack.isDeployed("thanosCompactor")) {
      panels.push(
        timeseries({
          title: "Compactor halted",
          description: "1 when the Compactor halted on an error it does not retry (ThanosCompactorHalted).",
          unit: UNIT.count,
          targets: [prometheusQuery(series(M.compactHalted, job("thanosCompactor")), "{{instance}}")],
          thresholds: upperLimit(1),
          min: 0,
          max: 1,
          width: 8,
          height: 8,
        }),
      );
    }
    rows.push({ title: "Thanos", panels });
  }
  const logsAndTraces = (key: "loki" | "tempo", title: string, requests: string, discarded: string, what: string) => ({
    title,
    panels: [
      timeseries({
        title: `${title} request errors`,
        description: `Share of ${title}'s requests answered with a 5xx, by route (${title}RequestErrors at 5 %).`,
        unit: UNIT.ratio,
        targets: [prometheusQuery(failingShare("route", series(`${requests}_count`, job(key), 'status_code=~"5.."'), series(`${requests}_count`, job(key))), "{{route}}")],
        thresholds: upperLimit(0.05),
        min: 0,
        width: 12,
        height: 8,
      }),
      timeseries({
        title: `Discarded ${what}`,
        description: `${what[0]!.toUpperCase()}${what.slice(1)} ${title} refused per second, by reason (rate_limited and the rest).`,
        unit: UNIT.eventsPerInterval,
        targets: [prometheusQuery(`sum by (reason) (${rateOf(series(discarded, job(key)))})`, "{{reason}}")],
        min: 0,
        width: 12,
        height: 8,
      }),
    ],
  });
  if (stack.isDeployed("loki")) rows.push(logsAndTraces("loki", "Loki", M.lokiRequestDuration, M.lokiDiscardedSamples, "log lines"));
  if (stack.isDeployed("tempo")) rows.push(logsAndTraces("tempo", "Tempo", M.tempoRequestDuration, M.tempoDiscardedSpans, "spans"));
  if (stack.isDeployed("grafana")) {
    rows.push({
      title: "Grafana",
      panels: [
        timeseries({
          title: "Datasource server errors",
          description: "Share of Grafana's requests to each datasource answered with a 5xx (GrafanaDatasourceErrors at 10 %). Unanswered requests are not counted by Grafana; provisioning errors are only logged.",
          unit: UNIT.ratio,
          targets: [prometheusQuery(failingShare("datasource", series(M.grafanaDatasourceRequests, job("grafana"), 'code=~"5.."'), series(M.grafanaDatasourceRequests, job("grafana"))), "{{datasource}}")],
          thresholds: upperLimit(0.1),
          min: 0,
          width: 24,
          height: 8,
        }),
      ],
    });
  }
  return rows;
}
