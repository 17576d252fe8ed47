import type { EnvironmentSettings } from "./environment-schema.js";
import type { ConfigProblem } from "./errors.js";
import { urlProblem } from "./url-checks.js";

/** Where each URL setting's credentials belong instead of the URL, for the message that refuses them. */
const INSTEAD = {
  remoteWrite: "put the password in the Secret named by prometheus.remoteWriteSecretName (key `password`) and the user in prometheus.remoteWriteUsername",
  external: "protect the external URL at the ingress (an auth proxy or SSO) instead; links carry no credentials",
  runbook: "publish the runbooks where readers need no credentials in the link",
  probe: "probe an endpoint that needs no credentials (a health path); the blackbox modules carry none",
} as const;

/**
 * Every URL setting of an environment (the live carbon provider's is `cost-exporter-settings.ts`'s): no credentials, no control characters, and, where the URL
 * becomes part of an alert annotation (Prometheus expands annotations as Go templates), no
 * template delimiters (`{{` in `externalUrls.grafana` would break every alert's `dashboard_url`
 * and stop Prometheus from loading its rules).
 */
export function urlSettingsProblems(settings: EnvironmentSettings): Omit<ConfigProblem, "file" | "line" | "column">[] {
  const checked: [path: string, url: string, instead: string, inAnnotations: boolean][] = [
    ["/prometheus/remoteWriteUrl", settings.prometheus.remoteWriteUrl, INSTEAD.remoteWrite, false],
    ["/externalUrls/prometheus", settings.externalUrls.prometheus, INSTEAD.external, true],
    ["/externalUrls/alertmanager", settings.externalUrls.alertmanager, INSTEAD.external, true],
    ["/externalUrls/grafana", settings.externalUrls.grafana, INSTEAD.external, true],
    ["/alerting/runbookBaseUrl", settings.alerting.runbookBaseUrl, INSTEAD.runbook, true],
    ...settings.probes.map((probe, index) => [`/probes/${index}/url`, probe.url, INSTEAD.probe, false] as [string, string, string, boolean]),
  ];
  return checked.flatMap(([path, url, instead, inAnnotations]) => {
    const problem = urlProblem(url, instead) ?? (inAnnotations && /\{\{|\}\}/.test(url) ? "contains {{ or }}, which Prometheus would expand as a template in every alert's annotations" : undefined);
    return problem === undefined ? [] : [{ path, message: problem, value: url }];
  });
}
