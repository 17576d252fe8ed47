import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { ALERTMANAGER_SECRET_DIR, ALERTMANAGER_TEMPLATES, ALERTMANAGER_TEMPLATES_DIR, alertmanagerConfig } from "../../src/components/alertmanager-config.js";
import { durationSeconds, formatDuration } from "../../src/config/duration.js";
import { toYaml } from "../../src/model/serialize.js";
import { loadTestStack } from "../helpers/component-objects.js";
import { eventually } from "../helpers/eventually.js";
import { forAlertmanager025 } from "../helpers/alertmanager-025.js";
import type { CaptureReceivers } from "./capture.js";

/** POSTs to measure: 5 give 4 intervals. */
export const HEARTBEAT_POSTS = 5;
/** How far one interval may stray from the expected figure on a busy machine (the flush timer itself does not drift). */
const SLACK_SECONDS = { early: 2, late: 6 };

/**
 * The suites run Alertmanager's clock faster: the Watchdog route's generated timers (and, for the
 * trio, the peer timeout) are multiplied by a factor, so five POSTs take a fraction of four minutes.
 * What the suites check depends only on the timers' ratios, which scaling keeps: a flush every
 * group_interval sends when the notification log's entry, stamped a moment after the previous flush,
 * is older than repeat_interval (Alertmanager v0.25.0 notify/notify.go DedupStage.needsUpdate), and
 * a later HA peer waits position x peer timeout before it sends what no earlier peer has. The slack
 * stays in seconds (it covers a busy machine, not the timers), so each factor keeps the defect its
 * suite looks for above it. With the old route (repeat_interval equal to group_interval, 1m/1m) both
 * scaled suites fail; checked by running them on that route.
 */
export const HEARTBEAT_TIME_SCALE = {
  /** One Alertmanager: a skipped flush makes an interval of twice the cadence (30 s against 15 + 6). */
  single: 1 / 4,
  /** The trio: a skipped flush is taken over by the next peer after its peer timeout, 7.5 s here, which must exceed the late slack (6 s). */
  trio: 1 / 2,
} as const;
/** Alertmanager's default `--cluster.peer-timeout`, which the deployed peers keep (Alertmanager v0.25.0 cmd/alertmanager/main.go). */
const DEPLOYED_PEER_TIMEOUT_SECONDS = 15;

/** `--cluster.peer-timeout` for a trio whose timers run at `scale`; its shift must stay visible above the slack. */
export function scaledPeerTimeout(scale: number): string {
  const seconds = DEPLOYED_PEER_TIMEOUT_SECONDS * scale;
  if (seconds <= SLACK_SECONDS.late) throw new Error(`a peer timeout of ${seconds} s hides within the late slack (${SLACK_SECONDS.late} s): scale less`);
  return formatDuration(seconds);
}

/** The cadence docs/alerting.md promises for the dead man's switch ("Heartbeat"): "every minute" or "every N s". */
export function documentedCadenceSeconds(): number {
  const page = readFileSync(join(import.meta.dirname, "..", "..", "docs", "alerting.md"), "utf8");
  const match = /POSTs Watchdog to that URL every (minute|(\d+) s)/.exec(page);
  if (match === null) throw new Error('docs/alerting.md "Heartbeat" no longer states the cadence as "POSTs Watchdog to that URL every …"');
  return match[1] === "minute" ? 60 : Number(match[2]);
}

export type Route = { matchers?: string[]; group_wait?: string; group_interval?: string; repeat_interval?: string; routes?: Route[] };

/** The generated Watchdog route's `group_interval` in seconds: the cadence docs/alerting.md must state. */
export function generatedCadenceSeconds(route: Route): number {
  return durationSeconds(watchdogRoute(route).group_interval ?? "");
}

function watchdogRoute(root: Route): Route {
  const route = (root.routes ?? []).find((r) => r.matchers?.includes('alertname="Watchdog"'));
  if (route?.group_interval === undefined || route.repeat_interval === undefined || route.group_wait === undefined) throw new Error("the generated configuration has no Watchdog route with its three timers");
  return route;
}

/** The Watchdog route's timers multiplied by `scale`, in place. */
export function scaleWatchdogTimers(root: Route, scale: number): void {
  const route = watchdogRoute(root);
  for (const key of ["group_wait", "group_interval", "repeat_interval"] as const) route[key] = formatDuration(durationSeconds(route[key] ?? "") * scale);
}

/**
 * The generated Alertmanager configuration of an environment with a dead man's switch, as the
 * Debian Alertmanager 0.25 reads it (`url_file` as `url`, pointing at the capture server), with its
 * Secret files and templates, in `dir`, the Watchdog route's timers multiplied by `scale`.
 * Returns the configuration file's path and the cadence the scaled route must keep (seconds).
 */
export function writeHeartbeatAlertmanager(dir: string, receivers: CaptureReceivers, scale: number): { path: string; cadenceSeconds: number } {
  const { environment, artifacts } = loadTestStack('alerting: { heartbeatUrlKey: heartbeat-url, chatChannel: "#heartbeat-e2e" }\n', "e2e-heartbeat");
  const secrets = join(dir, "secrets");
  mkdirSync(secrets, { recursive: true });
  mkdirSync(join(dir, ALERTMANAGER_TEMPLATES_DIR), { recursive: true });
  const a = environment.settings.alerting;
  const files = { [a.pagerRoutingKeyKey]: "pager-key", [a.chatWebhookUrlKey]: `http://127.0.0.1:${receivers.httpPort}/slack`, [a.smtpPasswordKey]: "unused" };
  for (const [key, value] of Object.entries(files)) writeFileSync(join(secrets, key), value);
  for (const [name, text] of Object.entries(ALERTMANAGER_TEMPLATES)) writeFileSync(join(dir, ALERTMANAGER_TEMPLATES_DIR, name), text);
  const config = forAlertmanager025(alertmanagerConfig(environment.settings, artifacts.inhibitions), `http://127.0.0.1:${receivers.httpPort}/heartbeat`);
  const cadence = generatedCadenceSeconds(config.route as Route);
  // The unscaled figure is the one users get: the page must state it.
  expect(documentedCadenceSeconds(), "docs/alerting.md states the generated Watchdog group_interval").toBe(cadence);
  scaleWatchdogTimers(config.route as Route, scale);
  const path = join(dir, "alertmanager.yml");
  writeFileSync(path, toYaml(config).replaceAll(`${ALERTMANAGER_SECRET_DIR}/`, `${secrets}/`));
  return { path, cadenceSeconds: cadence * scale };
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
  const message = `measured intervals (s): ${intervals.join(", ")}; expected every ${cadence} s (docs/alerting.md's figure, scaled)`;
  expect(intervals, message).toHaveLength(HEARTBEAT_POSTS - 1);
  for (const interval of intervals) {
    expect(interval, message).toBeGreaterThanOrEqual(cadence - SLACK_SECONDS.early);
    expect(interval, message).toBeLessThanOrEqual(cadence + SLACK_SECONDS.late);
  }
  return intervals;
}
