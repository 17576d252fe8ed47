import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { ALERTMANAGER_SECRET_DIR, ALERTMANAGER_TEMPLATES, ALERTMANAGER_TEMPLATES_DIR, alertmanagerConfig } from "../../src/components/alertmanager-config.js";
import { toYaml } from "../../src/model/serialize.js";
import { loadTestStack } from "../helpers/component-objects.js";
import { eventually } from "../helpers/eventually.js";
import { forAlertmanager025 } from "../helpers/alertmanager-025.js";
import type { CaptureReceivers } from "./capture.js";

/** POSTs to measure: 5 give 4 intervals. */
export const HEARTBEAT_POSTS = 5;
/** How far one interval may stray from the documented figure on a busy machine (the flush timer itself does not drift). */
const SLACK_SECONDS = { early: 2, late: 6 };

/** The cadence docs/alerting.md promises for the dead man's switch ("Heartbeat"): "every minute" or "every N s". */
export function documentedCadenceSeconds(): number {
  const page = readFileSync(join(import.meta.dirname, "..", "..", "docs", "alerting.md"), "utf8");
  const match = /POSTs Watchdog to that URL every (minute|(\d+) s)/.exec(page);
  if (match === null) throw new Error('docs/alerting.md "Heartbeat" no longer states the cadence as "POSTs Watchdog to that URL every …"');
  return match[1] === "minute" ? 60 : Number(match[2]);
}

/**
 * The generated Alertmanager configuration of an environment with a dead man's switch, as the
 * Debian Alertmanager 0.25 reads it (`url_file` as `url`, pointing at the capture server), with its
 * Secret files and templates, in `dir`. Returns the configuration file's path.
 */
export function writeHeartbeatAlertmanager(dir: string, receivers: CaptureReceivers): string {
  const { environment, artifacts } = loadTestStack('alerting: { heartbeatUrlKey: heartbeat-url, chatChannel: "#heartbeat-e2e" }\n', "e2e-heartbeat");
  const secrets = join(dir, "secrets");
  mkdirSync(secrets, { recursive: true });
  mkdirSync(join(dir, ALERTMANAGER_TEMPLATES_DIR), { recursive: true });
  const a = environment.settings.alerting;
  const files = { [a.pagerRoutingKeyKey]: "pager-key", [a.chatWebhookUrlKey]: `http://127.0.0.1:${receivers.httpPort}/slack`, [a.smtpPasswordKey]: "unused" };
  for (const [key, value] of Object.entries(files)) writeFileSync(join(secrets, key), value);
  for (const [name, text] of Object.entries(ALERTMANAGER_TEMPLATES)) writeFileSync(join(dir, ALERTMANAGER_TEMPLATES_DIR, name), text);
  const config = forAlertmanager025(alertmanagerConfig(environment.settings, artifacts.inhibitions), `http://127.0.0.1:${receivers.httpPort}/heartbeat`);
  const path = join(dir, "alertmanager.yml");
  writeFileSync(path, toYaml(config).replaceAll(`${ALERTMANAGER_SECRET_DIR}/`, `${secrets}/`));
  return path;
}

/** Watchdog, firing for 15 minutes, posted to each Alertmanager as Prometheus posts to all of them. */
export async function postWatchdog(urls: readonly string[]): Promise<number> {
  const now = Date.now();
  const watchdog = [{ labels: { alertname: "Watchdog", severity: "info" }, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 15 * 60_000).toISOString() }];
  for (const url of urls) {
    const posted = await fetch(`${url}/api/v2/alerts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(watchdog) });
    expect(posted.status).toBe(200);
  }
  return now;
}

/** Waits for `HEARTBEAT_POSTS` heartbeat POSTs and holds every interval between them to `cadence`. */
export async function expectHeartbeatCadence(receivers: CaptureReceivers, cadence: number, postedAtMs: number, logs: () => string): Promise<number[]> {
  const heartbeats = () => receivers.deliveries.filter((d) => d.integration === "webhook" && d.alertnames.includes("Watchdog"));
  // Bounded by the promised cadence: POSTS - 1 intervals, plus one interval of slack for the first.
  const found = await eventually(() => {
    const seen = heartbeats();
    expect(seen.length).toBeGreaterThanOrEqual(HEARTBEAT_POSTS);
    return seen;
  }, HEARTBEAT_POSTS * (cadence + SLACK_SECONDS.late) * 1000).catch((error: unknown) => {
    const times = heartbeats().map((d) => Math.round((d.atMs - postedAtMs) / 1000));
    throw new Error(`${String(error)}\nheartbeats at seconds ${times.join(", ")} after Watchdog was posted\n${logs()}`);
  });
  const intervals = found.slice(1, HEARTBEAT_POSTS).map((d, i) => Math.round(((d.atMs - (found[i]?.atMs ?? 0)) / 1000) * 10) / 10);
  const message = `measured intervals (s): ${intervals.join(", ")}; docs/alerting.md: every ${cadence} s`;
  expect(intervals, message).toHaveLength(HEARTBEAT_POSTS - 1);
  for (const interval of intervals) {
    expect(interval, message).toBeGreaterThanOrEqual(cadence - SLACK_SECONDS.early);
    expect(interval, message).toBeLessThanOrEqual(cadence + SLACK_SECONDS.late);
  }
  return intervals;
}
