import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import { CLUSTER_JOB } from "../../src/model/scrape-config.js";
import type { Rule, RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { dedent, formatNumber, leMatcher, orZeroLike } from "../../src/promql/expressions.js";
import { alert, record } from "../../src/promql/rule-builders.js";
import { rateWindow, rollupInterval } from "../../src/promql/windows.js";
import { sloBadEventRateMetric, sloErrorRatioMetric, sloEventRateMetric, SLI_BURN_ALERT, SLI_TITLE, SLO_METRIC, type SliKind } from "../../src/catalog/slo-metrics.js";
import { BURN_RATE_WINDOWS, METRIC as M } from "./catalog.js";
import { BURN_RATES, errorBudget, resolvedSlos, type Objective, type ResolvedSlo } from "./slo-objectives.js";
import { allRequests, sourceSelector, SLO_SOURCES, type CounterOf, type SourceHistogram } from "./slo-sources.js";

/** The dashboard these alerts link to (`dashboard_url`, when Grafana has an external URL). */
const DASHBOARD = "nfops-slo";

/**
 * Only the 5-minute window reads the source's raw counters, once a roll-up interval; every longer
 * window is summed from those recordings, so an SLO over hundreds of pods costs one pass over their
 * counters a minute, not one per window.
 */
const FIVE_MINUTES = "5m";
const LONG_WINDOWS = BURN_RATE_WINDOWS.filter((window) => window !== FIVE_MINUTES);

/** How each indicator's alert words its objective and its bad events. */
const OBJECTIVE_TEXT: Readonly<Record<SliKind, { objective: (objective: Objective, events: string) => string; bad: string }>> = {
  availability: { objective: (o) => `${percentOf(o)} of requests succeed`, bad: "failed requests" },
  latency: { objective: (o, events) => `${percentOf(o)} of ${events} within ${formatNumber(o.thresholdMs ?? 0)} ms`, bad: "requests slower than the threshold" },
  ttft: { objective: (o, events) => `${percentOf(o)} of ${events} with a first token within ${formatNumber(o.thresholdMs ?? 0)} ms`, bad: "requests whose first token came later than the threshold" },
  interTokenLatency: { objective: (o, events) => `${percentOf(o)} of ${events} within ${formatNumber(o.thresholdMs ?? 0)} ms`, bad: "slower than the threshold" },
};

function percentOf(objective: Objective): string {
  return `${formatNumber(objective.target * 100)} %`;
}

/**
 * SLOs as data (Sloth and Pyrra generate the same shape): for each SLO of `slos` and the default
 * one, per indicator, the bad and all event rates over 5 minutes from the source's own counters;
 * the longer windows and the error budget from those 5-minute recordings, once a minute;
 * then multi-window multi-burn-rate alerts with a traffic guard, and an alert when the source's
 * series vanish while its pods run. Every series carries `slo` and `sli`.
 */
export function slosRules({ environment }: PackContext): RuleFile {
  const { settings } = environment;
  const slos = resolvedSlos(settings);
  return {
    name: "slos",
    groups: [
      {
        // Once a roll-up interval, as the inference recordings: the burn-rate alerts see each new
        // 5-minute rate at most a minute later than at every scrape, and the longer windows sum a
        // quarter of the samples for the same ratio.
        name: "nfops-slo-sli.rules",
        interval: rollupInterval(settings),
        rules: slos.flatMap((slo) => slo.objectives.flatMap((objective) => shortWindowRules(settings, slo, objective))),
      },
      {
        name: "nfops-slo-sli-long.rules",
        interval: rollupInterval(settings),
        rules: [...longWindowRules(), ...slos.flatMap((slo) => slo.objectives.flatMap((objective) => budgetRules(slo, objective)))],
      },
      {
        name: "nfops-slo-alerts",
        rules: slos
          .filter((slo) => slo.alerts)
          .flatMap((slo) => [
            ...slo.objectives.flatMap((objective) => burnAlerts(settings, slo, objective)),
            absentAlert(settings, slo),
            ...slo.objectives.filter((objective) => objective.sli !== "availability").map((objective) => histogramAbsentAlert(settings, slo, objective)),
          ]),
      },
    ],
  };
}

/** `{slo="…",sli="…"}` of one indicator's series. */
function indicator(slo: ResolvedSlo, objective: Objective): string {
  return `{slo="${slo.name}",sli="${objective.sli}"}`;
}

/**
 * Labels of an indicator's series: `slo`, `sli`, and the namespace and service of its selector, so
 * that its alerts reach the team that owns the namespace and the dashboard finds its logs.
 */
function indicatorLabels(slo: ResolvedSlo, objective: Objective): Record<string, string> {
  const { namespace, service } = slo.selector;
  return { slo: slo.name, sli: objective.sli, ...(namespace !== undefined ? { namespace } : {}), ...(service !== undefined ? { service } : {}) };
}

/**
 * All and bad events per second of an indicator over `window`, from the source's own series. Bad
 * requests are the failures for availability (a source that has never failed has no failure
 * series yet: 0 bad events, not no data), and for latency all requests minus those in the
 * threshold's bucket.
 */
function eventRates(slo: ResolvedSlo, objective: Objective, window: string): { all: string; bad: string } {
  const source = SLO_SOURCES[slo.source];
  const rate = (counter: CounterOf) => `sum(rate(${counter.name}${sourceSelector(slo.source, slo.selector, counter.matcher)}[${window}]))`;
  if (objective.sli === "availability") {
    const all = allRequests(source, rate);
    return { all, bad: orZeroLike(rate(source.failures), rate(source.requests)) };
  }
  const histogram = sliHistogram(slo, objective);
  // vLLM 0.8-0.10 write the inter-token histogram under its former name: read it where the current one is absent.
  const either = (suffix: string, matcher?: string) => {
    const named = (name: string) => rate({ name: `${name}${suffix}`, ...(matcher ? { matcher } : {}) });
    return histogram.formerName ? `(${named(histogram.histogram)} or ${named(histogram.formerName)})` : named(histogram.histogram);
  };
  // Every observation is written once to _count: the histogram's own events, never the request counter.
  const all = either("_count");
  return { all, bad: `${all} - ${either("_bucket", leMatcher(objective.threshold ?? Number.NaN))}` };
}

/** The source histogram of a histogram indicator; checkSlos has made sure it exists. */
function sliHistogram(slo: ResolvedSlo, objective: Objective): SourceHistogram {
  const histogram = objective.sli === "availability" ? undefined : SLO_SOURCES[slo.source].histograms[objective.sli];
  if (!histogram || objective.threshold === undefined) throw new Error(`SLO ${slo.name}: ${SLO_SOURCES[slo.source].displayName} has no ${objective.sli} histogram`);
  return histogram;
}

function shortWindowRules(settings: EnvironmentSettings, slo: ResolvedSlo, objective: Objective): Rule[] {
  const labels = indicatorLabels(slo, objective);
  const series = (metric: string) => `${metric}${indicator(slo, objective)}`;
  const { all, bad } = eventRates(slo, objective, rateWindow(settings));
  return [
    record(sloEventRateMetric(FIVE_MINUTES), all, labels),
    record(sloBadEventRateMetric(FIVE_MINUTES), bad, labels),
    // No traffic gives 0 / 0 = NaN, which compares false: an idle service never alerts.
    record(sloErrorRatioMetric(FIVE_MINUTES), `${series(sloBadEventRateMetric(FIVE_MINUTES))} / ${series(sloEventRateMetric(FIVE_MINUTES))}`, labels),
  ];
}

/**
 * Every window beyond 5 minutes from the 5-minute recordings, one rule for every SLO: sums of the
 * 5-minute rates weigh each moment by its traffic, so the ratio is bad / all events over the window.
 */
function longWindowRules(): Rule[] {
  const overWindow = (metric: string, window: string) => `sum_over_time(${metric}[${window}])`;
  const events = sloEventRateMetric(FIVE_MINUTES);
  const bad = sloBadEventRateMetric(FIVE_MINUTES);
  return LONG_WINDOWS.flatMap((window) => [
    record(sloEventRateMetric(window), `avg_over_time(${events}[${window}])`),
    record(sloErrorRatioMetric(window), `${overWindow(bad, window)}\n/\n${overWindow(events, window)}`),
  ]);
}

/** The objective as a series, and the share of the window's error budget still left. */
function budgetRules(slo: ResolvedSlo, objective: Objective): Rule[] {
  const labels = indicatorLabels(slo, objective);
  const of = (metric: string) => `sum_over_time(${metric}${indicator(slo, objective)}[${slo.window}])`;
  return [
    record(SLO_METRIC.objective, `vector(${formatNumber(objective.target)})`, labels),
    record(
      SLO_METRIC.budgetRemaining,
      `
      1 - (
        ${of(sloBadEventRateMetric(FIVE_MINUTES))}
        /
        ${of(sloEventRateMetric(FIVE_MINUTES))}
      ) / ${formatNumber(errorBudget(objective))}`,
      labels,
    ),
  ];
}

function burnAlerts(settings: EnvironmentSettings, slo: ResolvedSlo, objective: Objective): Rule[] {
  const budget = errorBudget(objective);
  const series = (metric: string) => `${metric}${indicator(slo, objective)}`;
  const text = OBJECTIVE_TEXT[objective.sli];
  const events = objective.sli === "availability" ? "requests" : sliHistogram(slo, objective).events;
  const objectiveText = text.objective(objective, events);
  return (["critical", "warning"] as const).map((severity) =>
    alert(settings, {
      name: SLI_BURN_ALERT[objective.sli],
      expr: dedent(
        BURN_RATES.filter((b) => b.severity === severity)
          .map((b) => {
            const threshold = formatNumber(b.factor * budget);
            // The short window's traffic: a service a few minutes old would never reach the 3-day average.
            return `(\n  ${series(sloErrorRatioMetric(b.long))} > ${threshold}\n  and\n  ${series(sloErrorRatioMetric(b.short))} > ${threshold}\n  and\n  ${series(sloEventRateMetric(b.short))} >= ${formatNumber(slo.minRequestsPerSecond)}\n)`;
          })
          .join("\nor\n"),
      ),
      for: severity === "critical" ? "2m" : "15m",
      severity,
      category: "slo",
      dashboard: DASHBOARD,
      // One rule per SLO and severity: the label keeps them apart (and promtool's lint happy).
      labels: { slo: slo.name },
      summary:
        severity === "critical"
          ? `SLO ${slo.name}: the ${SLI_TITLE[objective.sli]} error budget is burning fast enough to be gone within days.`
          : `SLO ${slo.name}: the ${SLI_TITLE[objective.sli]} error budget is burning faster than it can last its window.`,
      description: `SLO {{ $labels.slo }} (${objectiveText}, ${slo.window}): {{ $value | humanizePercentage }} of ${events} over the long window are ${text.bad}, against a budget of ${formatNumber(budget * 100)} %.`,
    }),
  );
}

/**
 * The source's request counter is gone for the SLO's selector while pods of its service are
 * scraped: a renamed metric, a changed label or a selector that matches nothing leaves every
 * alert above blind.
 */
function absentAlert(settings: EnvironmentSettings, slo: ResolvedSlo): Rule {
  const source = SLO_SOURCES[slo.source];
  const { namespace, service } = slo.selector;
  const pods = podsOf(slo);
  const lazy = source.lazyRegistration;
  // A server that registers its counters on the first request (TGI) has none after a restart
  // without traffic: missing only once requests came and neither successes nor failures were written.
  const missing = lazy
    ? `${absentOf(source.requests)}\nand on ()\nabsent(${source.failures.name}${sourceSelector(slo.source, slo.selector)})\nand on ()\ncount(${lazy.requestEvidence}${sourceSelector(slo.source, slo.selector)}) > 0`
    : absentOf(source.requests);
  function absentOf(counter: CounterOf): string {
    // absent() keeps only the selector's equality matchers as labels: the SLO's name is added for the description.
    return `label_replace(absent(${counter.name}${sourceSelector(slo.source, slo.selector, counter.matcher)}), "slo", "${slo.name}", "", "")`;
  }
  return alert(settings, {
    name: "SLOMetricsAbsent",
    expr: `${missing}\nand on ()\ncount(${M.up}{${pods}} == 1) > 0`,
    for: "10m",
    severity: "warning",
    category: "slo",
    dashboard: DASHBOARD,
    labels: { slo: slo.name },
    summary: `SLO ${slo.name}: its request series are missing while its service runs.`,
    description: `SLO {{ $labels.slo }}: pods of ${[namespace, service].filter(Boolean).join("/") || "the inference job"} are scraped${lazy ? " and have served requests" : ""}, but none exports ${source.requests.name} for the SLO's selector; its burn-rate alerts cannot fire.`,
  });
}

/** The SLO's pods that answer scrapes: `job="inference"` and its selector's namespace and service. */
function podsOf(slo: ResolvedSlo): string {
  const { namespace, service } = slo.selector;
  return [`job="${CLUSTER_JOB.inference}"`, ...(namespace ? [`namespace="${namespace}"`] : []), ...(service ? [`service="${service}"`] : [])].join(",");
}

/**
 * A histogram indicator's series are gone while the request counter is there: the server writes
 * no such histogram (Triton's first-response histogram is off by default, an older release) and
 * its burn-rate alert is blind. Quiet when the whole source is gone: SLOMetricsAbsent says that.
 */
function histogramAbsentAlert(settings: EnvironmentSettings, slo: ResolvedSlo, objective: Objective): Rule {
  const source = SLO_SOURCES[slo.source];
  const histogram = sliHistogram(slo, objective);
  const selector = sourceSelector(slo.source, slo.selector);
  const absent = [histogram.histogram, ...(histogram.formerName ? [histogram.formerName] : [])].map((name) => `absent(${name}_count${selector})`).join(" and ");
  return alert(settings, {
    name: "SLOMetricsAbsent",
    expr: dedent(`
      ${absent}
      and on ()
      count(${source.requests.name}${sourceSelector(slo.source, slo.selector, source.requests.matcher)}) > 0`),
    for: "10m",
    severity: "warning",
    category: "slo",
    dashboard: DASHBOARD,
    labels: indicatorLabels(slo, objective),
    summary: `SLO ${slo.name}: its ${SLI_TITLE[objective.sli]} histogram is missing while its requests are counted.`,
    // The rule's own labels are not in $labels (only the expression's): the SLO's name is written in.
    description: `SLO ${slo.name}: ${source.displayName} counts requests for the SLO's selector but writes no ${histogram.histogram}${histogram.enabledBy ? ` (off by default: ${histogram.enabledBy})` : ""}; the ${SLI_BURN_ALERT[objective.sli]} alert cannot fire.`,
  });
}
