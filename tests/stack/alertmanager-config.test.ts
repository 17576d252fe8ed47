import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALERTMANAGER_TEMPLATES,
  ALERTMANAGER_TEMPLATES_DIR,
  RECEIVER,
  alertmanagerConfig,
  teamReceivers,
} from "../../src/components/alertmanager-config.js";
import type { Environment } from "../../src/config/environment-schema.js";
import { toYaml } from "../../src/model/serialize.js";
import { forAlertmanager025 } from "../helpers/alertmanager-025.js";
import { configErrorOf } from "../helpers/config-error.js";
import { artifactsOf } from "../helpers/packs.js";
import { loadTestEnvironment, run, writeTree } from "./stack-fixtures.js";

let environment: Environment;
let dir: string;
/** An environment with a dead man's switch and two teams, for the routes that depend on them. */
let teams: Environment;
let teamsDir: string;

const TEAMS = [
  "alerting:",
  "  heartbeatUrlKey: heartbeat-url",
  "  teams:",
  "    - { name: llm, namespaces: ['llm-.*', serving], slackChannel: '#llm-oncall', pagerRoutingKeyKey: llm-pagerduty }",
  "    - { name: research, namespaces: ['research-.*'], email: research@corp.example }",
  "",
].join("\n");

function configTree(settings: Environment["settings"]): string {
  return writeTree({
    "alertmanager.yml": toYaml(forAlertmanager025(alertmanagerConfig(settings))),
    ...Object.fromEntries(Object.entries(ALERTMANAGER_TEMPLATES).map(([name, text]) => [`${ALERTMANAGER_TEMPLATES_DIR}/${name}`, text])),
  });
}

beforeAll(() => {
  environment = loadTestEnvironment("alerting:\n  chatChannel: \"#gpu-alerts\"\n  finopsEmail: finops@corp.example\n");
  dir = configTree(environment.settings);
  teams = loadTestEnvironment(TEAMS);
  teamsDir = configTree(teams.settings);
});
afterAll(() => [dir, teamsDir].forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The labels a rule of the real rule files sets (plus `alertname`), so routes are tested against what fires. */
function ruleLabels(alertname: string): Record<string, string> {
  const rule = artifactsOf(environment)
    .ruleFiles.flatMap((f) => f.groups.flatMap((g) => g.rules))
    .find((r) => r.alert === alertname);
  if (!rule) throw new Error(`no alert ${alertname} in the rule files`);
  const labels: Record<string, string> = { alertname, ...rule.labels };
  return labels;
}

/** Receivers `amtool config routes test` resolves for a label set, in route order. */
function routes(labels: Record<string, string>, tree = dir): string[] {
  const args = ["config", "routes", "test", `--config.file=${join(tree, "alertmanager.yml")}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)];
  const result = run("amtool", args);
  expect(result.status, result.output).toBe(0);
  return result.output.split("\n").filter((line) => line !== "" && !line.startsWith("Warning"))[0]?.split(",") ?? [];
}

describe("alertmanager configuration", () => {
  it("GIVEN the generated configuration and templates WHEN amtool checks them THEN they are valid", () => {
    const result = run("amtool", ["check-config", join(dir, "alertmanager.yml")]);
    expect(result.output).toContain("SUCCESS");
    expect(result.output).toContain("1 templates");
    expect(result.status, result.output).toBe(0);
  });

  it("GIVEN a critical SLO alert WHEN routed THEN it reaches the pager and the chat", () => {
    const labels: Record<string, string> = { ...ruleLabels("InferenceErrorRateHigh"), severity: "critical", namespace: "serving", service: "llm" };
    expect(labels.category).toBe("slo");
    expect(routes(labels)).toEqual([RECEIVER.pager, RECEIVER.chat]);
  });

  it("GIVEN a warning WHEN routed THEN it reaches only the chat", () => {
    expect(routes(ruleLabels("HighCPUUsage"))).toEqual([RECEIVER.chat]);
  });

  it("GIVEN CostBudgetExceeded and CO2BudgetExceeded as the rules define them WHEN routed THEN FinOps is e-mailed and the chat is told", () => {
    expect(routes(ruleLabels("CostBudgetExceeded"))).toEqual([RECEIVER.finops, RECEIVER.chat]);
    expect(routes(ruleLabels("CO2BudgetExceeded"))).toEqual([RECEIVER.finops, RECEIVER.chat]);
  });

  it("GIVEN no heartbeat URL key WHEN Watchdog and an info alert are routed THEN both go to the null receiver, nobody is paged", () => {
    expect(routes(ruleLabels("Watchdog"))).toEqual([RECEIVER.silent]);
    expect(routes({ alertname: "SomethingInformative", severity: "info" })).toEqual([RECEIVER.silent]);
    const receivers = (alertmanagerConfig(environment.settings).receivers as { name: string }[]).map((r) => r.name);
    expect(receivers).not.toContain(RECEIVER.heartbeat);
  });

  it("GIVEN alerting.heartbeatUrlKey WHEN Watchdog is routed THEN the heartbeat webhook gets it every minute, its URL read from the Secret", () => {
    expect(routes(ruleLabels("Watchdog"), teamsDir)).toEqual([RECEIVER.heartbeat]);
    const config = alertmanagerConfig(teams.settings) as { receivers: { name: string; webhook_configs?: unknown[] }[]; route: { routes: Record<string, unknown>[] } };
    expect(config.receivers.find((r) => r.name === RECEIVER.heartbeat)?.webhook_configs).toEqual([
      { url_file: "/etc/alertmanager/secrets/heartbeat-url", send_resolved: false },
    ]);
    expect(config.route.routes[0]).toMatchObject({ receiver: RECEIVER.heartbeat, group_wait: "0s", group_interval: "1m", repeat_interval: "50s" });
  });

  it("GIVEN teams WHEN their alerts are routed THEN they reach the team's receivers only, critical also its pager, and FinOps still gets cost", () => {
    const llm = teamReceivers("llm");
    const research = teamReceivers("research");
    expect(routes({ ...ruleLabels("InferenceLatencyHigh"), namespace: "llm-chat", service: "api" }, teamsDir)).toEqual([llm.notify]);
    expect(routes({ ...ruleLabels("InferenceErrorBudgetBurn"), severity: "critical", namespace: "serving", service: "api" }, teamsDir)).toEqual([llm.pager, llm.notify]);
    expect(routes({ ...ruleLabels("GPUUtilizationLow"), namespace: "research-vision" }, teamsDir)).toEqual([research.notify]);
    // A critical alert of a team without a pager goes to its chat or e-mail, not to the default pager.
    expect(routes({ ...ruleLabels("InferenceErrorBudgetBurn"), severity: "critical", namespace: "research-nlp" }, teamsDir)).toEqual([research.notify]);
    expect(routes({ ...ruleLabels("CostBudgetExceeded"), namespace: "llm-chat" }, teamsDir)).toEqual([RECEIVER.finops, llm.notify]);
    // Namespaces no team owns keep the default routes; the patterns are anchored.
    expect(routes({ ...ruleLabels("InferenceLatencyHigh"), namespace: "not-llm-chat" }, teamsDir)).toEqual([RECEIVER.chat]);
    const result = run("amtool", ["check-config", join(teamsDir, "alertmanager.yml")]);
    expect(result.status, result.output).toBe(0);
  });

  it("GIVEN a team with no receiver WHEN loading THEN the error names the team", () => {
    expect(configErrorOf(() => loadTestEnvironment("alerting:\n  teams:\n    - { name: lonely, namespaces: [x] }\n"))).toContain(
      "/alerting/teams/0: needs at least one receiver: slackChannel, email or pagerRoutingKeyKey",
    );
  });

  it("GIVEN the receivers WHEN reading them THEN every credential is a *_file path in the mounted Secret and nothing secret is inline", () => {
    const a = environment.settings.alerting;
    const text = toYaml(alertmanagerConfig(environment.settings));
    expect(text).toContain(`routing_key_file: /etc/alertmanager/secrets/${a.pagerRoutingKeyKey}`);
    expect(text).toContain(`api_url_file: /etc/alertmanager/secrets/${a.chatWebhookUrlKey}`);
    expect(text).toContain(`auth_password_file: /etc/alertmanager/secrets/${a.smtpPasswordKey}`);
    expect(text).toContain("channel: \"#gpu-alerts\"");
    expect(text).not.toMatch(/(routing_key|service_key|api_url|auth_password|smtp_auth_password):/);
    expect(text).not.toMatch(/hooks\.slack\.com/);
  });

  it("GIVEN the inhibit rules WHEN reading them THEN critical mutes warning and info of the same alert and service, and a down node mutes its node alerts", () => {
    const inhibit = alertmanagerConfig(environment.settings).inhibit_rules as Record<string, unknown>[];
    expect(inhibit).toContainEqual({
      source_matchers: ['severity="critical"'],
      target_matchers: ['severity=~"warning|info"'],
      equal: ["alertname", "namespace", "service"],
    });
    const systemDown = ruleLabels("SystemDown");
    expect(inhibit).toContainEqual(expect.objectContaining({ source_matchers: [`alertname="${systemDown.alertname}"`], equal: ["node"] }));
  });
});
