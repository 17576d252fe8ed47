import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERTMANAGER_SECRET_DIR, ALERTMANAGER_TEMPLATES, ALERTMANAGER_TEMPLATES_DIR, alertmanagerConfig } from "../../src/components/alertmanager-config.js";
import { toYaml } from "../../src/model/serialize.js";
import { loadTestStack } from "../helpers/component-objects.js";
import { eventually } from "../helpers/eventually.js";
import { forAlertmanager025 } from "../helpers/alertmanager-025.js";
import { freePort, installed, startProcess, type RunningProcess } from "../helpers/processes.js";
import { CaptureReceivers } from "./capture.js";

const ready = installed("prometheus-alertmanager");
if (!ready) console.warn("SKIPPED heartbeat e2e: needs the Debian package prometheus-alertmanager.");

/** POSTs to measure: 5 give 4 intervals. */
const POSTS = 5;
/** How far one interval may stray from the README's figure on a busy machine (the flush timer itself does not drift). */
const SLACK_SECONDS = { early: 2, late: 6 };

/**
 * The cadence the README promises for the dead man's switch ("Heartbeat"): "every minute" or "every N s".
 */
function readmeCadenceSeconds(): number {
  const readme = readFileSync(join(import.meta.dirname, "..", "..", "README.md"), "utf8");
  const match = /POSTs Watchdog to that URL every (minute|(\d+) s)/.exec(readme);
  if (match === null) throw new Error('README "Heartbeat" no longer states the cadence as "POSTs Watchdog to that URL every …"');
  return match[1] === "minute" ? 60 : Number(match[2]);
}

/**
 * The generated Alertmanager configuration in the real Alertmanager 0.25 on loopback: Watchdog is
 * posted once (as Prometheus would keep it firing) and the heartbeat webhook's POSTs are timed.
 * Adapted only as every e2e suite is: `url_file` becomes `url` for 0.25, receivers point at a
 * capture server, clustering is off (one Alertmanager). No route timer changes.
 */
describe.skipIf(!ready)("heartbeat: Watchdog's cadence at the dead man's switch", () => {
  const dir = mkdtempSync(join(tmpdir(), "nfops-heartbeat-e2e-"));
  const receivers = new CaptureReceivers();
  let alertmanager: RunningProcess | undefined;
  let url = "";

  beforeAll(async () => {
    await receivers.start();
    const { environment, artifacts } = loadTestStack('alerting: { heartbeatUrlKey: heartbeat-url, chatChannel: "#heartbeat-e2e" }\n', "e2e-heartbeat");
    const secrets = join(dir, "secrets");
    mkdirSync(secrets, { recursive: true });
    mkdirSync(join(dir, ALERTMANAGER_TEMPLATES_DIR), { recursive: true });
    const a = environment.settings.alerting;
    const files = { [a.pagerRoutingKeyKey]: "pager-key", [a.chatWebhookUrlKey]: `http://127.0.0.1:${receivers.httpPort}/slack`, [a.smtpPasswordKey]: "unused" };
    for (const [key, value] of Object.entries(files)) writeFileSync(join(secrets, key), value);
    for (const [name, text] of Object.entries(ALERTMANAGER_TEMPLATES)) writeFileSync(join(dir, ALERTMANAGER_TEMPLATES_DIR, name), text);
    const config = forAlertmanager025(alertmanagerConfig(environment.settings, artifacts.inhibitions), `http://127.0.0.1:${receivers.httpPort}/heartbeat`);
    writeFileSync(join(dir, "alertmanager.yml"), toYaml(config).replaceAll(`${ALERTMANAGER_SECRET_DIR}/`, `${secrets}/`));

    url = `http://127.0.0.1:${await freePort()}`;
    alertmanager = startProcess("prometheus-alertmanager", [
      `--config.file=${join(dir, "alertmanager.yml")}`,
      `--storage.path=${join(dir, "data")}`,
      `--web.listen-address=${url.replace("http://", "")}`,
      "--cluster.listen-address=",
    ]);
    await eventually(async () => expect((await fetch(`${url}/-/ready`)).status).toBe(200), 30_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${alertmanager?.output() ?? ""}`);
    });
  }, 60_000);

  afterAll(async () => {
    await alertmanager?.stop();
    await receivers.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`GIVEN Watchdog firing WHEN ${POSTS} heartbeat POSTs arrive THEN every interval between them is the README's figure`, async () => {
    const cadence = readmeCadenceSeconds();
    const now = Date.now();
    const watchdog = [{ labels: { alertname: "Watchdog", severity: "info" }, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 15 * 60_000).toISOString() }];
    const posted = await fetch(`${url}/api/v2/alerts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(watchdog) });
    expect(posted.status).toBe(200);

    const heartbeats = () => receivers.deliveries.filter((d) => d.integration === "webhook" && d.alertnames.includes("Watchdog"));
    // Bounded by the promised cadence: POSTS - 1 intervals, plus one interval of slack for the first.
    const found = await eventually(() => {
      const seen = heartbeats();
      expect(seen.length).toBeGreaterThanOrEqual(POSTS);
      return seen;
    }, POSTS * (cadence + SLACK_SECONDS.late) * 1000).catch((error: unknown) => {
      const times = heartbeats().map((d) => Math.round((d.atMs - now) / 1000));
      throw new Error(`${String(error)}\nheartbeats at seconds ${times.join(", ")} after Watchdog was posted\n${alertmanager?.output().slice(-2000) ?? ""}`);
    });

    const intervals = found.slice(1, POSTS).map((d, i) => Math.round(((d.atMs - (found[i]?.atMs ?? 0)) / 1000) * 10) / 10);
    expect(intervals, `measured intervals (s): ${intervals.join(", ")}`).toHaveLength(POSTS - 1);
    for (const interval of intervals) {
      expect(interval, `measured intervals (s): ${intervals.join(", ")}; README: every ${cadence} s`).toBeGreaterThanOrEqual(cadence - SLACK_SECONDS.early);
      expect(interval, `measured intervals (s): ${intervals.join(", ")}; README: every ${cadence} s`).toBeLessThanOrEqual(cadence + SLACK_SECONDS.late);
    }
  }, 6 * 60_000);
});
