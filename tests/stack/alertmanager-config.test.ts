import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALERTMANAGER_TEMPLATES,
  ALERTMANAGER_TEMPLATES_DIR,
  RECEIVER,
  alertmanagerConfig,
} from "../../src/components/alertmanager-config.js";
import type { Environment } from "../../src/config/environment-schema.js";
import { toYaml } from "../../src/model/serialize.js";
import { artifactsOf } from "../helpers/packs.js";
import { loadTestEnvironment, run, writeTree } from "./stack-fixtures.js";

let environment: Environment;
let dir: string;

beforeAll(() => {
  environment = loadTestEnvironment("alerting:\n  chatChannel: \"#gpu-alerts\"\n  finopsEmail: finops@corp.example\n");
  dir = writeTree({
    "alertmanager.yml": toYaml(alertmanagerConfig(environment.settings)),
    ...Object.fromEntries(Object.entries(ALERTMANAGER_TEMPLATES).map(([name, text]) => [`${ALERTMANAGER_TEMPLATES_DIR}/${name}`, text])),
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
function routes(labels: Record<string, string>): string[] {
  const args = ["config", "routes", "test", `--config.file=${join(dir, "alertmanager.yml")}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)];
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

  it("GIVEN Watchdog and an info alert WHEN routed THEN the heartbeat and the null receiver take them, nobody is paged", () => {
    expect(routes(ruleLabels("Watchdog"))).toEqual([RECEIVER.heartbeat]);
    expect(routes({ alertname: "SomethingInformative", severity: "info" })).toEqual([RECEIVER.silent]);
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
